"""Name pools for each name-origin group, written for this population alone, with each community's conventions.

The groups follow the Office for National Statistics' Census 2021 ethnic groups for England (table TS021, published
29 November 2022; shares of usual residents, rounded to one decimal place), gathered by naming convention rather
than by ethnicity: a record's name-origin group says which conventions its names follow, nothing more.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

# Census 2021, England (TS021), per cent of usual residents, summed into the groups below:
# White: English, Welsh, Scottish, Northern Irish or British 73.5, Irish 0.9 -> british_irish 74.4
# Mixed or Multiple 3.0 -> mixed 3.0
# Asian: Pakistani 2.9, Bangladeshi 1.1 -> south_asian_muslim 4.0; Indian 3.3 -> indian 3.3
# Asian: Chinese 0.7, Other Asian 1.7 -> east_asian 2.4 (Chinese, Vietnamese, Filipino and other East Asian names)
# Black: African 2.6 -> black_african 2.6; Caribbean 1.1, Other Black 0.5 -> black_caribbean 1.6
# White: Other White 6.3 (Polish, Romanian and Lithuanian the largest national groups within it), Roma 0.2,
#   Gypsy or Irish Traveller 0.1 -> eastern_european 4.3, southern_european 2.3 (Portuguese, Spanish, Italian,
#   Turkish), split by the census' main-language counts (Polish, Romanian, Lithuanian ahead of Portuguese, Spanish)
# Other: Arab 0.6, Any other ethnic group 1.6 -> arab_other 2.2 (Arab, Afghan, Kurdish, Iranian, Somali-adjacent
#   naming not already above)
CENSUS_2021_ENGLAND_SHARES: dict[str, float] = {
    "british_irish": 74.4,
    "mixed": 3.0,
    "south_asian_muslim": 4.0,
    "indian": 3.3,
    "east_asian": 2.4,
    "black_african": 2.6,
    "black_caribbean": 1.6,
    "eastern_european": 4.3,
    "southern_european": 2.3,
    "arab_other": 2.2,
}
GROUPS = tuple(CENSUS_2021_ENGLAND_SHARES)


@dataclass(frozen=True)
class Pool:
    """One community's names: given names by sex, family names, and the conventions its records follow."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    # Family name written first (and often entered in the first-name box by systems that expect given-name order).
    family_first: bool = False
    # The child's surname is the father's given name (Somali, Arab and Afghan patronymic-style naming).
    patronymic: bool = False
    # Women and girls take a feminine form of the family name: ending -> (a wife's form, a daughter's form)
    # (Polish -ski: -ska for both; Lithuanian -as: -ienė for a wife, -aitė for a daughter; -is: -ienė, -ytė).
    feminine: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Some adults have one name only (recorded however each system copes with it).
    mononym_share: float = 0.0
    # Married women in this community usually keep their own surname (so a mother's differs from her children's).
    wife_keeps_name: bool = False


# fmt: off
ENGLISH_MALE = ("Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar", "William",
                "James", "Leo", "Alfie", "Henry", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Alexander",
                "Joseph", "Edward", "Samuel", "Max", "Daniel", "Arthur", "Lucas", "Mason", "Theo", "Harrison",
                "Benjamin", "Matthew", "Christopher", "Michael", "Robert", "Anthony", "Nicholas",
                "Jonathan")
ENGLISH_FEMALE = ("Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Mia", "Poppy", "Ella", "Lily",
                  "Evie", "Isabella", "Sophie", "Ivy", "Freya", "Harper", "Willow", "Charlotte", "Jessica",
                  "Katherine", "Elizabeth", "Rebecca", "Victoria", "Abigail", "Samantha", "Jennifer", "Margaret",
                  "Rosie", "Matilda", "Elsie", "Florence", "Daisy", "Phoebe", "Scarlett", "Chloe")
ENGLISH_FAMILY = ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
                  "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
                  "Clarke", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "King",
                  "Watson", "Harris", "Baker", "Lewis", "Young", "Allen", "Mitchell", "Parker", "Bennett", "Shaw",
                  "Lloyd", "Marshall", "Fletcher", "Chapman", "Kelly", "Murphy", "O'Brien", "O'Connor", "Byrne",
                  "McCarthy", "Doherty", "Fitzgerald", "Ashworth", "Pemberton", "Whitfield", "Hargreaves",
                  "Sutcliffe", "Greenwood", "Butterworth", "Holroyd", "Clegg", "Nuttall", "Pickering",
                  "Bottomley")

POOLS: dict[str, Pool] = {
    "british_irish": Pool((*ENGLISH_MALE, "Sean", "Connor", "Liam", "Ciaran", "Patrick"),
                          (*ENGLISH_FEMALE, "Siobhan", "Niamh", "Aoife", "Roisin", "Ciara"), ENGLISH_FAMILY),
    "mixed": Pool((*ENGLISH_MALE, "Tyrese", "Kai", "Zayn", "Malachi", "Rio"),
                  (*ENGLISH_FEMALE, "Aaliyah", "Amara", "Leila", "Imani", "Nia"), ENGLISH_FAMILY),
    "south_asian_muslim": Pool(
        ("Muhammad", "Ali", "Hassan", "Hussain", "Ibrahim", "Yusuf", "Zain", "Ayaan", "Abdullah", "Hamza", "Bilal",
         "Imran", "Tariq", "Shahid", "Aziz", "Rehan", "Arif", "Faisal", "Usman", "Umar", "Abdul Rahman"),
        ("Aisha", "Fatima", "Maryam", "Zara", "Hafsa", "Amina", "Khadija", "Sana", "Noor", "Ayesha", "Rukhsana",
         "Nazia", "Shabana", "Yasmin", "Rahima", "Nusrat", "Samina", "Saima", "Hira", "Inaya"),
        ("Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Iqbal", "Mahmood", "Rashid", "Chaudhry", "Butt", "Malik",
         "Miah", "Uddin", "Rahman", "Islam", "Hoque", "Choudhury", "Bibi", "Begum", "Shah", "Qureshi", "Raja"),
        wife_keeps_name=True,
    ),
    "indian": Pool(
        ("Arjun", "Rohan", "Vikram", "Rajesh", "Sanjay", "Amit", "Harpreet", "Gurpreet", "Jaspreet", "Manpreet",
         "Sukhdev", "Kiran", "Dev", "Aarav", "Vihaan", "Krish", "Nikhil", "Pranav", "Ravi", "Suresh"),
        ("Priya", "Anjali", "Pooja", "Neha", "Simran", "Harleen", "Navjot", "Gurleen", "Kiran", "Deepa", "Sunita",
         "Meera", "Ananya", "Diya", "Ishani", "Kavya", "Lakshmi", "Shreya", "Rupinder", "Parminder"),
        ("Patel", "Shah", "Sharma", "Singh", "Kaur", "Gill", "Sandhu", "Dhillon", "Sidhu", "Mistry", "Parmar",
         "Chauhan", "Joshi", "Mehta", "Kumar", "Bhatt", "Desai", "Grewal", "Bains", "Johal", "Lal", "Rai"),
    ),
    "east_asian": Pool(
        ("Wei", "Jun", "Hao", "Xiaoming", "Zhiwei", "Jianguo", "Minh", "Duc", "Tuan", "Hung", "Jose", "Mark",
         "Chen", "Kai", "Yusheng", "Haoran", "Zihan", "Quang", "Bao", "Khoa"),
        ("Lan", "Mei", "Xiaoling", "Jing", "Li Na", "Yan", "Hong", "Linh", "Huong", "Mai", "Thuy", "Ngoc",
         "Maria", "Grace", "Jasmine", "Yuqi", "Zixuan", "Xinyi", "Thao", "Anh"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Nguyễn", "Trần", "Lê",
         "Phạm", "Hoàng", "Võ", "Đặng", "Huỳnh", "Bùi", "Đỗ", "Ngô", "Lin"),
        family_first=True,
    ),
    "black_african": Pool(
        ("Oluwaseun", "Oluwatobi", "Ayodeji", "Chukwuemeka", "Chinedu", "Obinna", "Kwame", "Kofi", "Kwabena",
         "Emmanuel", "Samuel", "David", "Tendai", "Tinashe", "Mohamed", "Abdi", "Abdirahman", "Ahmed", "Yusuf"),
        ("Oluwadamilare", "Folasade", "Adaeze", "Chiamaka", "Ngozi", "Abena", "Akosua", "Ama", "Blessing",
         "Precious", "Grace", "Esther", "Rutendo", "Nyasha", "Hodan", "Ayaan", "Sahra", "Fadumo", "Hibo"),
        ("Adeyemi", "Okonkwo", "Okafor", "Adebayo", "Ogunleye", "Balogun", "Mensah", "Owusu", "Boateng",
         "Asante", "Osei", "Moyo", "Ncube", "Mutasa", "Eze", "Nwosu", "Olawale", "Adeleke", "Oyelaran"),
    ),
    "black_caribbean": Pool(
        (*ENGLISH_MALE[:20], "Delroy", "Winston", "Tyrone", "Marlon", "Jermaine", "Leon", "Andre"),
        (*ENGLISH_FEMALE[:20], "Marcia", "Beverley", "Jasmine", "Shanice", "Keisha", "Tanisha", "Janelle"),
        ("Campbell", "Brown", "Williams", "Thomas", "Francis", "Grant", "Morgan", "Reid", "Henry", "Clarke",
         "Bailey", "Richards", "Gordon", "McKenzie", "Lewis", "Simpson", "Forbes", "Powell", "Samuels", "Fraser"),
    ),
    "eastern_european": Pool(
        ("Łukasz", "Michał", "Paweł", "Piotr", "Jakub", "Kacper", "Mateusz", "Wojciech", "Ştefan", "Andrei",
         "Ionuţ", "Mihai", "Jonas", "Mantas", "Tomas", "Dawid", "Krzysztof", "Bartłomiej", "Radu", "Darius"),
        ("Zofia", "Małgorzata", "Agnieszka", "Katarzyna", "Joanna", "Wiktoria", "Zuzanna", "Natalia", "Ioana",
         "Elena", "Andreea", "Ştefania", "Gabija", "Austėja", "Rūta", "Aleksandra", "Magdalena", "Bianca"),
        ("Wójcik", "Kowalski", "Nowak", "Wiśniewski", "Lewandowski", "Kamiński", "Zieliński", "Szymański",
         "Woźniak", "Dąbrowski", "Popescu", "Ionescu", "Popa", "Stoica", "Constantin", "Kazlauskas", "Jonaitis",
         "Petrauskas", "Grabowski", "Mazur"),
        feminine={"ski": ("ska", "ska"), "cki": ("cka", "cka"), "as": ("ienė", "aitė"), "is": ("ienė", "ytė")},
    ),
    "southern_european": Pool(
        ("João", "Tiago", "Rodrigo", "Gonçalo", "José", "Alejandro", "Javier", "Sergio", "Marco", "Luca",
         "Giuseppe", "Mehmet", "Mustafa", "Emre", "Burak", "Kerem", "Diogo", "Pedro", "Álvaro", "Matteo"),
        ("Maria", "Ana", "Beatriz", "Inês", "Mariana", "Lucía", "Carmen", "Sofía", "Giulia", "Francesca",
         "Chiara", "Ayşe", "Elif", "Zeynep", "Büşra", "Leonor", "Matilde", "Alba", "Martina", "Gülsüm"),
        ("da Silva", "dos Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "García",
         "López", "Fernández", "González", "Rossi", "Russo", "Esposito", "Romano", "Yılmaz", "Kaya", "Şahin",
         "Öztürk", "Çelik", "Doğan"),
        wife_keeps_name=True,
    ),
    "arab_other": Pool(
        ("Mohammed", "Ahmad", "Omar", "Khalid", "Youssef", "Abdulrahman", "Karim", "Hamid", "Ahmad Shah",
         "Farhad", "Reza", "Dariush", "Rahmatullah", "Najibullah", "Shirzad", "Sardar", "Hevi", "Rebwar"),
        ("Fatima", "Layla", "Mariam", "Nour", "Rania", "Huda", "Zainab", "Shirin", "Parisa", "Nasrin", "Mahsa",
         "Gulalai", "Freshta", "Shabnam", "Roya", "Hana", "Lana", "Nazanin"),
        ("Al-Sayed", "Al-Hashimi", "El-Masri", "Haddad", "Nasser", "Saleh", "Abdullah", "Hosseini", "Ahmadi",
         "Karimi", "Rahimi", "Mohammadi", "Popal", "Stanikzai", "Barzani", "Ahmed"),
        patronymic=True,
        mononym_share=0.06,  # Afghan identity documents often carry a single name; Home Office records keep it so.
        wife_keeps_name=True,
    ),
}

# Transliteration variants: the same name as different systems (and the person themselves) spell it.
TRANSLITERATIONS: tuple[tuple[str, ...], ...] = (
    ("Muhammad", "Mohammed", "Mohammad", "Mohamed", "Muhammed", "Mohamad"),
    ("Ahmed", "Ahmad", "Ahmet"),
    ("Yusuf", "Yousef", "Youssef", "Yusef"),
    ("Hussain", "Hussein", "Husain", "Hossain"),
    ("Hassan", "Hasan"),
    ("Abdul Rahman", "Abdulrahman", "Abdur Rahman", "Abdel Rahman", "Abdirahman"),
    ("Omar", "Umar"),
    ("Aisha", "Ayesha", "Aysha"),
    ("Fatima", "Fatimah", "Fatma"),
    ("Maryam", "Mariam", "Miriam"),
    ("Choudhury", "Chowdhury", "Chaudhry", "Choudhry"),
    ("Miah", "Mia", "Meah"),
    ("Hoque", "Haque", "Hoq"),
    ("Al-Sayed", "Alsayed", "El Sayed", "El-Sayed"),
    ("Al-Hashimi", "Alhashimi", "Hashimi"),
    ("El-Masri", "Elmasri", "Al-Masri"),
    ("Abdi", "Cabdi"),
    ("Mohamed", "Maxamed"),
    ("Hosseini", "Husseini", "Hoseini"),
    ("Zainab", "Zaynab", "Zeinab"),
    ("Nour", "Noor", "Nur"),
    ("Youssef", "Yusef", "Yousif"),
    ("Oluwaseun", "Oluwaseyi"),
    ("Nasrin", "Nasreen"),
    ("Shirin", "Shireen"),
)
VARIANTS: dict[str, tuple[str, ...]] = {name: group for group in TRANSLITERATIONS for name in group}

# Names people are called by and that some systems record instead (English hypocorisms and African shortenings).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "William": ("Will", "Billy", "Liam"), "Thomas": ("Tom", "Tommy"), "James": ("Jim", "Jamie"),
    "Joseph": ("Joe", "Joey"), "Alexander": ("Alex", "Sasha"), "Benjamin": ("Ben",), "Daniel": ("Dan", "Danny"),
    "Samuel": ("Sam", "Sammy"), "Edward": ("Ed", "Eddie", "Ted"), "Matthew": ("Matt",), "Michael": ("Mike",),
    "Christopher": ("Chris",), "Robert": ("Rob", "Bob", "Bobby"), "Anthony": ("Tony",), "Nicholas": ("Nick",),
    "Jonathan": ("Jon", "Jonny"), "Henry": ("Harry", "Hal"), "Isabella": ("Bella", "Izzy"),
    "Elizabeth": ("Liz", "Beth", "Lizzie"), "Katherine": ("Kate", "Katie", "Kathy"), "Rebecca": ("Becky",),
    "Victoria": ("Vicky", "Tori"), "Abigail": ("Abby",), "Samantha": ("Sam",), "Jennifer": ("Jen", "Jenny"),
    "Margaret": ("Maggie", "Peggy"), "Charlotte": ("Lottie", "Charlie"), "Jessica": ("Jess",),
    "Matilda": ("Tilly",), "Florence": ("Flo",), "Oluwaseun": ("Seun",), "Oluwatobi": ("Tobi",),
    "Oluwadamilare": ("Dami",), "Chukwuemeka": ("Emeka",), "Ayodeji": ("Deji",), "Folasade": ("Sade",),
    "Małgorzata": ("Gosia",), "Aleksandra": ("Ola",), "Katarzyna": ("Kasia",), "Krzysztof": ("Krzys",),
    "Abdullah": ("Abdul",), "Rahmatullah": ("Rahmat",), "Najibullah": ("Najib",),
}
# fmt: on

# Letters that Unicode decomposition leaves whole, and their usual ASCII stand-ins.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ø": "o", "ß": "ss"})


def fold(name: str) -> str:
    """The name without diacritics, as a system that stores ASCII only keeps it."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def feminine_form(pool: Pool, surname: str, *, married: bool) -> str:
    for ending, (wife, daughter) in pool.feminine.items():
        if surname.endswith(ending):
            return surname[: -len(ending)] + (wife if married else daughter)
    return surname
