"""Missing children: episodes, return home interviews with their 72-hour clock, and trigger plans."""
