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
    # The share of children whose surname is their father's given name (Somali: all; Arab, Afghan and Kurdish
    # families: about half, the rest keeping a family or tribal name).
    patronymic: float = 0.0
    # Women and girls take a feminine form of the family name: ending -> (a wife's form, a daughter's form)
    # (Polish -ski: -ska for both; Lithuanian -as: -ienė for a wife, -aitė for a daughter; -is: -ienė, -ytė).
    feminine: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Some adults have one name only (recorded however each system copes with it).
    mononym_share: float = 0.0
    # Married women in this community usually keep their own surname (so a mother's differs from her children's).
    wife_keeps_name: bool = False
    # A naming custom handled apart: "sikh" (Singh and Kaur), "bangladeshi" (surnames differ within a family),
    # "compound" (a surname from each parent).
    convention: str = ""


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

def _one(pool: Pool) -> tuple[tuple[float, Pool], ...]:
    return ((1.0, pool),)


# Each group's names come from the communities within it, a household's from one of them (a Portuguese given name
# goes with a Portuguese family name); the shares within a group are from the census' country-of-birth and
# main-language counts for England, rounded.
NATIONS: dict[str, tuple[tuple[float, Pool], ...]] = {
    "british_irish": _one(Pool((*ENGLISH_MALE, "Sean", "Connor", "Liam", "Ciaran", "Patrick"),
                               (*ENGLISH_FEMALE, "Siobhan", "Niamh", "Aoife", "Roisin", "Ciara"), ENGLISH_FAMILY)),
    "mixed": _one(Pool((*ENGLISH_MALE, "Tyrese", "Kai", "Zayn", "Malachi", "Rio"),
                       (*ENGLISH_FEMALE, "Aaliyah", "Amara", "Leila", "Imani", "Nia"), ENGLISH_FAMILY)),
    "south_asian_muslim": (
        (0.73, Pool(  # Pakistani
            ("Muhammad", "Ali", "Hassan", "Hussain", "Ibrahim", "Yusuf", "Zain", "Ayaan", "Abdullah", "Hamza",
             "Bilal", "Imran", "Tariq", "Shahid", "Aziz", "Rehan", "Arif", "Faisal", "Usman", "Umar", "Abdul Rahman"),
            ("Aisha", "Fatima", "Maryam", "Zara", "Hafsa", "Amina", "Khadija", "Sana", "Noor", "Ayesha", "Rukhsana",
             "Nazia", "Shabana", "Yasmin", "Samina", "Saima", "Hira", "Inaya"),
            ("Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Iqbal", "Mahmood", "Rashid", "Chaudhry", "Butt", "Malik",
             "Shah", "Qureshi", "Raja", "Mirza"),
            wife_keeps_name=True)),
        # Bangladeshi (1.1 of the group's 4.0 per cent): women's Begum and Khatun, children's surnames that need
        # not match either parent's.
        (0.27, Pool(
            ("Muhammad", "Abdul", "Rahim", "Karim", "Shahin", "Jamal", "Kamal", "Ashraf", "Mizanur", "Habib",
             "Shafiq", "Rubel", "Sayem", "Tanvir", "Ayaan", "Zakaria"),
            ("Rahima", "Nusrat", "Fatema", "Salma", "Shirin", "Taslima", "Rokeya", "Jannat", "Sumaiya", "Tahmina",
             "Nasima", "Ruksana", "Marium", "Afia"),
            ("Miah", "Uddin", "Ahmed", "Rahman", "Islam", "Hoque", "Choudhury", "Ali", "Hussain", "Sheikh"),
            wife_keeps_name=True, convention="bangladeshi")),
    ),
    "indian": (
        (0.72, Pool(  # Hindu and other Indian
            ("Arjun", "Rohan", "Vikram", "Rajesh", "Sanjay", "Amit", "Kiran", "Dev", "Aarav", "Vihaan", "Krish",
             "Nikhil", "Pranav", "Ravi", "Suresh", "Harish", "Mahesh"),
            ("Priya", "Anjali", "Pooja", "Neha", "Kiran", "Deepa", "Sunita", "Meera", "Ananya", "Diya", "Ishani",
             "Kavya", "Lakshmi", "Shreya", "Hetal", "Bhavna"),
            ("Patel", "Shah", "Sharma", "Mistry", "Parmar", "Chauhan", "Joshi", "Mehta", "Kumar", "Bhatt", "Desai",
             "Lal", "Rai", "Pandya", "Solanki", "Nair", "Iyer"))),
        # Sikh (Census 2021: about 0.52 million of 1.86 million of Indian ethnicity), who carry Singh and Kaur.
        (0.28, Pool(
            ("Harpreet", "Gurpreet", "Jaspreet", "Manpreet", "Sukhdev", "Amrit", "Harjit", "Jasvir", "Gurdeep",
             "Ranjit", "Arjan", "Fateh", "Kiran"),
            ("Harleen", "Navjot", "Gurleen", "Simran", "Rupinder", "Parminder", "Jasleen", "Amrit", "Manjit",
             "Sukhpreet", "Kiran", "Harnoor"),
            ("Gill", "Sandhu", "Dhillon", "Sidhu", "Grewal", "Bains", "Johal", "Sangha", "Atwal", "Bhogal"),
            convention="sikh")),
    ),
    "east_asian": (
        (0.6, Pool(  # Chinese
            ("Wei", "Jun", "Hao", "Xiaoming", "Zhiwei", "Jianguo", "Yusheng", "Haoran", "Zihan", "Kai", "Ming"),
            ("Mei", "Xiaoling", "Jing", "Li Na", "Yan", "Hong", "Yuqi", "Zixuan", "Xinyi", "Grace", "Jasmine"),
            ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Lin", "Xu"),
            family_first=True)),
        (0.4, Pool(  # Vietnamese
            ("Minh", "Duc", "Tuan", "Hung", "Quang", "Bao", "Khoa", "Long", "Thanh", "Huy"),
            ("Lan", "Linh", "Huong", "Mai", "Thuy", "Ngoc", "Thao", "Anh", "Trang", "Hoa"),
            ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Huỳnh", "Bùi", "Đỗ", "Ngô"),
            family_first=True)),
    ),
    "black_african": (
        (0.5, Pool(  # Nigerian
            ("Oluwaseun", "Oluwatobi", "Ayodeji", "Chukwuemeka", "Chinedu", "Obinna", "Emmanuel", "Samuel",
             "David", "Tobenna", "Olumide"),
            ("Oluwadamilare", "Folasade", "Adaeze", "Chiamaka", "Ngozi", "Blessing", "Precious", "Esther",
             "Temitope", "Oluwakemi"),
            ("Adeyemi", "Okonkwo", "Okafor", "Adebayo", "Ogunleye", "Balogun", "Eze", "Nwosu", "Olawale",
             "Adeleke", "Oyelaran"))),
        (0.2, Pool(  # Ghanaian
            ("Kwame", "Kofi", "Kwabena", "Kwesi", "Yaw", "Emmanuel", "Daniel", "Nana"),
            ("Abena", "Akosua", "Ama", "Efua", "Adwoa", "Grace", "Gifty", "Nana"),
            ("Mensah", "Owusu", "Boateng", "Asante", "Osei", "Agyeman", "Appiah", "Darko"))),
        (0.15, Pool(  # Zimbabwean
            ("Tendai", "Tinashe", "Tatenda", "Farai", "Kudakwashe", "Takudzwa", "Blessing"),
            ("Rutendo", "Nyasha", "Chipo", "Tariro", "Rumbidzai", "Vimbai", "Blessing"),
            ("Moyo", "Ncube", "Mutasa", "Sibanda", "Dube", "Chikwanha", "Mhlanga"))),
        # Somali (census country of birth): the surname is the father's given name, and his the grandfather's.
        (0.15, Pool(
            ("Mohamed", "Abdi", "Abdirahman", "Ahmed", "Yusuf", "Hassan", "Ali", "Omar", "Abdullahi"),
            ("Hodan", "Ayaan", "Sahra", "Fadumo", "Hibo", "Amina", "Faduma", "Ikran", "Nimco"),
            ("Mohamed", "Abdi", "Abdirahman", "Ahmed", "Yusuf", "Hassan", "Ali", "Omar", "Abdullahi", "Warsame",
             "Farah", "Jama"),
            patronymic=1.0, wife_keeps_name=True)),
    ),
    "black_caribbean": _one(Pool(
        (*ENGLISH_MALE[:20], "Delroy", "Winston", "Tyrone", "Marlon", "Jermaine", "Leon", "Andre"),
        (*ENGLISH_FEMALE[:20], "Marcia", "Beverley", "Jasmine", "Shanice", "Keisha", "Tanisha", "Janelle"),
        ("Campbell", "Brown", "Williams", "Thomas", "Francis", "Grant", "Morgan", "Reid", "Henry", "Clarke",
         "Bailey", "Richards", "Gordon", "McKenzie", "Lewis", "Simpson", "Forbes", "Powell", "Samuels", "Fraser"))),
    "eastern_european": (
        (0.55, Pool(  # Polish
            ("Łukasz", "Michał", "Paweł", "Piotr", "Jakub", "Kacper", "Mateusz", "Wojciech", "Dawid", "Krzysztof",
             "Bartłomiej", "Szymon"),
            ("Zofia", "Małgorzata", "Agnieszka", "Katarzyna", "Joanna", "Wiktoria", "Zuzanna", "Natalia",
             "Aleksandra", "Magdalena", "Łucja"),
            ("Wójcik", "Kowalski", "Nowak", "Wiśniewski", "Lewandowski", "Kamiński", "Zieliński", "Szymański",
             "Woźniak", "Dąbrowski", "Grabowski", "Mazur", "Wróblewski"),
            feminine={"ski": ("ska", "ska"), "cki": ("cka", "cka")})),
        (0.3, Pool(  # Romanian
            ("Ştefan", "Andrei", "Ionuţ", "Mihai", "Radu", "Alexandru", "Florin", "Cătălin", "Darius", "Vlad"),
            ("Ioana", "Elena", "Andreea", "Ştefania", "Bianca", "Alexandra", "Mădălina", "Cristina", "Daria"),
            ("Popescu", "Ionescu", "Popa", "Stoica", "Constantin", "Dumitru", "Stan", "Gheorghe", "Răducanu",
             "Munteanu"))),
        (0.15, Pool(  # Lithuanian
            ("Jonas", "Mantas", "Tomas", "Lukas", "Dovydas", "Matas", "Nojus", "Darius"),
            ("Gabija", "Austėja", "Rūta", "Emilija", "Ugnė", "Kamilė", "Gintarė", "Eglė"),
            ("Kazlauskas", "Jonaitis", "Petrauskas", "Jankauskas", "Stankevičius", "Vasiliauskas", "Žukauskas",
             "Butkus", "Paulauskas"),
            feminine={"as": ("ienė", "aitė"), "is": ("ienė", "ytė"), "us": ("ienė", "utė")})),
    ),
    "southern_european": (
        (0.4, Pool(  # Portuguese: the mother's surname then the father's, often with da, de, dos
            ("João", "Tiago", "Rodrigo", "Gonçalo", "Diogo", "Pedro", "Afonso", "Martim", "Duarte"),
            ("Maria", "Ana", "Beatriz", "Inês", "Mariana", "Leonor", "Matilde", "Carolina", "Margarida"),
            ("da Silva", "dos Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
             "de Sousa", "Gonçalves", "Fernandes"),
            wife_keeps_name=True, convention="compound")),
        (0.2, Pool(  # Spanish: the father's first surname then the mother's
            ("Alejandro", "Javier", "Sergio", "Álvaro", "Pablo", "Hugo", "Daniel", "Mateo"),
            ("Lucía", "Carmen", "Sofía", "Alba", "Martina", "Paula", "Irene", "Valeria"),
            ("García", "López", "Fernández", "González", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz"),
            wife_keeps_name=True, convention="compound")),
        (0.2, Pool(  # Italian
            ("Marco", "Luca", "Giuseppe", "Matteo", "Alessandro", "Francesco", "Lorenzo", "Davide"),
            ("Giulia", "Francesca", "Chiara", "Sofia", "Aurora", "Alice", "Ginevra", "Martina"),
            ("Rossi", "Russo", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno"),
            wife_keeps_name=True)),
        (0.2, Pool(  # Turkish
            ("Mehmet", "Mustafa", "Emre", "Burak", "Kerem", "Yusuf", "Ahmet", "Eymen", "Çağan"),
            ("Ayşe", "Elif", "Zeynep", "Büşra", "Gülsüm", "Defne", "Ecrin", "Fatma", "Özge"),
            ("Yılmaz", "Kaya", "Şahin", "Öztürk", "Çelik", "Doğan", "Demir", "Aydın", "Arslan", "Koç"))),
    ),
    "arab_other": (
        (0.35, Pool(  # Arab: given name, father's name, grandfather's name; Al- and El- written many ways
            ("Mohammed", "Ahmad", "Omar", "Khalid", "Youssef", "Abdulrahman", "Karim", "Hamid", "Hussein"),
            ("Fatima", "Layla", "Mariam", "Nour", "Rania", "Huda", "Zainab", "Hana", "Yasmin"),
            ("Al-Sayed", "Al-Hashimi", "El-Masri", "Haddad", "Nasser", "Saleh", "Abdullah", "Al-Amin"),
            patronymic=0.5, wife_keeps_name=True)),
        (0.3, Pool(  # Afghan: identity documents often carry one name only, which Home Office records keep
            ("Ahmad Shah", "Rahmatullah", "Najibullah", "Shirzad", "Sardar", "Mohammad", "Abdul", "Hamid"),
            ("Gulalai", "Freshta", "Shabnam", "Roya", "Mariam", "Zarghona", "Nazanin", "Malalai"),
            ("Popal", "Stanikzai", "Ahmadi", "Rahimi", "Karimi", "Sultani", "Safi", "Noori"),
            patronymic=0.5, mononym_share=0.2, wife_keeps_name=True)),
        (0.2, Pool(  # Iranian
            ("Reza", "Dariush", "Farhad", "Ali", "Amir", "Mehdi", "Hossein", "Arash"),
            ("Shirin", "Parisa", "Nasrin", "Mahsa", "Nazanin", "Sara", "Leila", "Maryam"),
            ("Hosseini", "Ahmadi", "Mohammadi", "Rezaei", "Karimi", "Moradi", "Jafari", "Tehrani"),
            wife_keeps_name=True)),
        (0.15, Pool(  # Kurdish
            ("Hevi", "Rebwar", "Karwan", "Dilshad", "Shvan", "Aram", "Hawre"),
            ("Lana", "Hana", "Rojin", "Berivan", "Shilan", "Avin", "Dilan"),
            ("Barzani", "Ahmed", "Mahmoud", "Rasul", "Hama", "Qadir", "Karim"),
            patronymic=0.5, wife_keeps_name=True)),
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
