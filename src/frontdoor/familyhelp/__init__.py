"""Family help (early help): the families the MASH steps down, waiting for and allocated to a Family Help Lead
Practitioner (Working Together 2026), and stepped up to the MASH when the worry grows."""
