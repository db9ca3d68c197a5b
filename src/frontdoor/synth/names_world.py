"""Name lists for the county's traditions beyond names_data.py's (``Name:weight``), and the forms other systems
record them in: names with their diacritics (as a passport or a GP registration holds them), transliterations,
double surnames. Invented for the synthetic county, loosely after the commonest names of each community in England.
"""

from __future__ import annotations

CHILD_FIRST: dict[tuple[str, str], str] = {
    ("vietnamese", "M"): "Minh:8 Anh:6 Duc:5 Huy:6 Khoa:5 Long:5 Nam:6 Phuc:4 Quang:4 Thanh:5 Tuan:5 Bao:4",
    ("vietnamese", "F"): "Linh:8 Lan:6 Mai:6 Ngoc:5 Trang:6 Huong:5 Thao:5 Vy:5 Anh:5 Nhung:4 Thu:4 My:4",
    ("iberian", "M"): """
Rodrigo:5 Tiago:6 João:6 Diogo:5 Gonçalo:4 Afonso:4 Martim:4 Pablo:5 Hugo:5 Álvaro:4 Mateo:6 Marco:5
Alessandro:4 Lorenzo:4 Andrés:3 Sebastián:3""",
    ("iberian", "F"): """
Beatriz:5 Inês:6 Leonor:5 Matilde:4 Mariana:5 Lucía:6 Sofía:5 Martina:5 Valentina:5 Giulia:4 Chiara:3
Ana:5 Camila:4""",
    ("turkish", "M"): "Emre:6 Mehmet:6 Mustafa:5 Yusuf:5 Eymen:4 Ömer:5 Aras:4 Kerem:4 Burak:4 Çağan:3 Ali:4",
    ("turkish", "F"): "Zeynep:7 Elif:7 Defne:5 Eylül:4 Azra:5 Ecrin:4 Meryem:4 Gülsüm:3 Nisa:4 Ayşe:4",
    ("somali", "M"): "Abdirahman:6 Mohamed:8 Abdullahi:6 Ahmed:5 Yusuf:5 Hassan:5 Ayub:4 Khalid:4 Liban:4 Guled:3",
    ("somali", "F"): "Hodan:5 Fadumo:5 Amina:6 Hibo:4 Sagal:4 Nimco:4 Ayan:4 Ifrah:4 Muna:4 Sumaya:4",
    ("afghan", "M"): "Ahmad:6 Mohammad:6 Ali:5 Mustafa:5 Omid:4 Farhad:4 Hamid:4 Sohail:4 Wahid:3 Zabihullah:3",
    ("afghan", "F"): "Fatima:6 Maryam:5 Zahra:6 Mursal:4 Parisa:4 Sahar:4 Hasina:3 Nilofar:3 Marwa:4 Shabnam:3",
    ("caribbean", "M"): """
Jaden:5 Tyrese:4 Kyrie:4 Malachi:5 Josiah:5 Isaiah:5 Elijah:5 Kai:4 Jerome:3 Andre:4 Marcus:4 Nathaniel:3""",
    ("caribbean", "F"): "Aaliyah:5 Amara:4 Nia:4 Kiara:4 Jada:4 Imani:4 Tiana:4 Shanice:3 Keisha:3 Zaria:4 Ruby:3",
}

ADULT_FIRST: dict[tuple[str, str], str] = {
    ("vietnamese", "M"): "Minh:6 Hung:6 Dung:5 Tuan:6 Hai:5 Son:5 Thang:4 Cuong:4 Long:4 Quang:4",
    ("vietnamese", "F"): "Lan:6 Huong:6 Hoa:5 Thuy:5 Hanh:5 Trang:5 Ngoc:4 Mai:5 Phuong:4 Thu:4",
    ("iberian", "M"): "José:6 João:6 António:5 Carlos:6 Manuel:5 Javier:5 Miguel:5 Francesco:4 Luis:5 Paulo:4",
    ("iberian", "F"): "Maria:8 Ana:6 Sofia:4 Carla:5 Patrícia:4 Isabel:4 Laura:5 Francesca:4 Carmen:4 Rosa:3",
    ("turkish", "M"): "Mehmet:7 Mustafa:6 Ahmet:6 Hüseyin:5 Hasan:5 İbrahim:4 Murat:5 Ömer:4 Kemal:4",
    ("turkish", "F"): "Fatma:6 Ayşe:6 Emine:5 Hatice:5 Zeynep:5 Elif:4 Özlem:4 Gül:4 Şule:3",
    ("somali", "M"): "Mohamed:8 Abdi:6 Ahmed:6 Hassan:5 Ali:5 Abdullahi:5 Osman:4 Ismail:4 Yusuf:4 Omar:4",
    ("somali", "F"): "Fadumo:6 Halimo:5 Hodan:5 Amina:6 Khadra:4 Sahra:4 Ubah:4 Asha:5 Faduma:3 Deeqa:4",
    ("afghan", "M"): "Mohammad:8 Ahmad:6 Abdul:5 Gul:4 Najib:4 Rahim:4 Jawad:4 Karim:4 Nasir:4 Rahmatullah:3",
    ("afghan", "F"): "Fatima:6 Zainab:5 Maryam:5 Gulalai:4 Nazia:4 Shakila:4 Rahima:4 Soraya:4 Farzana:4",
    ("caribbean", "M"): "Andre:5 Marlon:5 Delroy:4 Winston:4 Leon:5 Carlton:4 Trevor:4 Dwayne:4 Jermaine:5 Clive:3",
    ("caribbean", "F"): "Marcia:5 Sharon:5 Donna:4 Beverley:4 Paulette:4 Natasha:5 Simone:5 Claudette:3 Janice:4",
}

SURNAMES: dict[str, str] = {
    # Family name first in the tradition; the county holds it as the surname, some systems do not.
    "vietnamese": "Nguyễn:40 Trần:12 Lê:10 Phạm:8 Hoàng:5 Huỳnh:5 Phan:4 Vũ:4 Võ:3 Đặng:3 Bùi:3 Đỗ:3 Ngô:2",
    # Two surnames (father's then mother's; Portuguese: mother's then father's), or one with its particle
    # (an underscore for the space between the parts).
    "iberian": """
García_López:5 Rodríguez_Martín:4 Fernández_García:4 González_Pérez:4 Sánchez_Ruiz:3 Martínez_Gómez:3
da_Silva:6 dos_Santos:5 Ferreira:4 Pereira:4 Costa:4 Oliveira:4 de_Sousa:3 Rossi:4 Russo:3 Ferrari:3 Esposito:3
Romano:3 Lopes:3""",
    "turkish": "Yılmaz:8 Kaya:6 Demir:6 Şahin:5 Çelik:5 Yıldız:4 Aydın:4 Öztürk:4 Arslan:4 Doğan:4 Koç:3 Kılıç:3",
    # The child's surname is the father's given name (population.py); these are the grandfathers'.
    "somali": "Mohamed:8 Ahmed:6 Hassan:6 Ali:6 Abdi:5 Warsame:4 Farah:4 Osman:4 Yusuf:4 Omar:4 Jama:4 Egal:3",
    "afghan": "Ahmadi:6 Rahimi:5 Hussaini:5 Karimi:4 Sultani:4 Popal:3 Stanikzai:3 Noori:4 Safi:4 Haidari:4",
    "caribbean": """
Campbell:6 Brown:6 Williams:5 Thomas:4 Johnson:4 Francis:4 Reid:5 Henry:4 Robinson:4 Grant:4 Clarke:4 Gordon:3
Bailey:3 Morgan:3""",
}
# Diacritics the county's older lists leave out, restored as a passport holds them.
DIACRITICS = {
    "Wozniak": "Woźniak", "Zajac": "Zając", "Krol": "Król", "Wrobel": "Wróbel", "Stepien": "Stępień",
    "Jablonski": "Jabłoński", "Lukasz": "Łukasz", "Pawel": "Paweł", "Michal": "Michał", "Malgorzata": "Małgorzata",
    "Ionut": "Ionuț", "Stefan": "Ștefan", "Andreea": "Andreea",
}  # fmt: skip
# Transliterations from Arabic, Persian and Somali: one name, several spellings; each agency writes down one.
TRANSLITERATIONS = [
    ("Muhammad", "Mohammed", "Mohamed", "Mohammad", "Mohamad"),
    ("Ahmed", "Ahmad", "Ahmet"),
    ("Yusuf", "Yousef", "Yusef", "Yousuf"),
    ("Hussain", "Hussein", "Husain", "Hossain"),
    ("Abdirahman", "Abdurahman", "Abdulrahman"),
    ("Mustafa", "Mustapha", "Mostafa"),
    ("Osman", "Usman", "Othman"),
    ("Omar", "Umar"),
    ("Aisha", "Ayesha", "Aysha"),
    ("Fatima", "Fatimah", "Fatma"),
    ("Maryam", "Mariam", "Meryem"),
    ("Khadija", "Khadijah"),
    ("Hassan", "Hasan"),
    ("Abdullahi", "Abdullah", "Abdulla"),
    ("Fadumo", "Faduma", "Fatuma"),
    ("Zahra", "Zehra"),
    ("Rahman", "Rehman"),
    ("Chowdhury", "Choudhury", "Chaudhry"),
    ("Mahmood", "Mahmud", "Mehmood"),
]
