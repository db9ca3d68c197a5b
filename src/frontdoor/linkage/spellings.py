"""One name, several spellings: names written in English from Arabic, Urdu, Bengali, Persian, Turkish and Somali
have no one spelling, and each agency writes down the one it was given or heard (Maryam, Mariam, Meryem; Hussain,
Hussein, Hossain). A spelling is not a nickname or another name: it is the person's own name, so two records that
differ only so compare almost as if the same. Used for first names and surnames alike (Mohammed is both).

Each line is one group. Unlike the nickname groups (names.py), a name sits in one group only: its key is the
group's first name, and a name in no group is its own key. Pure data and a function: no Django.
"""

from __future__ import annotations

from functools import cache, lru_cache

from frontdoor.linkage.names import normalise_name

_SPELLINGS = """
Muhammad Mohammed Mohammad Mohamed Mohamad Muhammed Mohamud Mohammod Muhamad Muhammet Mehmet Maxamed
Ahmed Ahmad Ahmet
Yusuf Yousef Youssef Yusef Yousuf Yousif Yussuf Yosef Youcef
Hussain Hussein Husain Hossain Husein Hussen Hosain Hosein
Hassan Hasan
AbdulRahman AbdurRahman AbdelRahman Abdirahman Abdurahman Abdurrahman Abdalrahman
Abdullah Abdulla Abdallah Abdullahi Abdalla Cabdullahi
Abdi Cabdi
Omar Umar Omer Umer
Osman Usman Othman Uthman
Mustafa Mustapha Mostafa Moustafa
Ibrahim Ebrahim Ibraheem Ibrahem Ibraahim
Ismail Ismael Esmail Ismaeel
Yahya Yehia Yahia
Zakaria Zakariya Zakariyya Zakariyah Zakariah Zakarya
Hamza Hamzah
Bilal Belal
Khalid Khaled
Tariq Tarek Tarik Tareq
Karim Kareem
Rahim Raheem
Salim Saleem Selim
Nasser Naser
Nasir Nassir Naseer
Faisal Faysal Feisal
Imran Emran
Idris Idrees Edris
Suleiman Sulaiman Suleyman Sulayman
Yunus Younis Younes Yunis Younus
Ayub Ayoub Ayyub
Jamal Gamal
Mahmood Mahmoud Mahmud Mehmood
Rashid Rasheed Rachid
Hamid Hameed
Majid Majeed
Amir Ameer
Rayyan Rayan Raiyan
Zain Zayn
Aisha Ayesha Aysha Aishah Ayisha Aicha Ayse
Fatima Fatimah Fatma Fatuma Fadumo Faduma
Maryam Mariam Meryem Maryem Mariyam Miriam
Khadija Khadijah Khadeeja Khadeejah Hadija
Zainab Zaynab Zeinab Zenab
Noor Nour Nur
Nasreen Nasrin Nesrin
Shirin Shireen
Yasmin Yasmine Yasmeen Yasemin
Amina Aminah Ameena Amena Aamina
Hafsa Hafsah
Safa Safaa
Sana Sanaa
Asma Asmaa
Samira Sameera Samirah
Salma Selma
Layla Laila Leila Leyla Lailah
Zahra Zehra Zahraa
Inaya Inayah
Iqra Iqraa
Sumaya Sumaiya Sumayyah Sumayah
Habiba Habibah
Ruqayyah Ruqaya Ruqayah Rukaya
Aaliyah Aliyah Aaliya Aliya
Rukhsana Rukhsanah
Rahman Rehman Rahmaan
Chowdhury Choudhury Chaudhry Choudhry Chaudhary Chowdhry Chaudhri Choudhary
Miah Meah
Hoque Haque Hoq Huq
Akhtar Akhter Akter
Iqbal Ikbal
Siddiqui Siddiqi Siddique
Qureshi Quraishi Qureshy
Sheikh Shaikh Shaykh Sheik
Begum Begam
Uddin Udin
Syed Sayed Sayyid Seyed Sayyed
Alsayed Elsayed
Almasri Elmasri
"""


@cache
def _keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for line in _SPELLINGS.splitlines():
        names = [normalise_name(name) for name in line.split()]
        for name in names:
            if keys.setdefault(name, names[0]) != names[0]:
                raise ValueError(f"{name} is in two spelling groups")
    return keys


@lru_cache(maxsize=65_536)
def spelling(name: str) -> str:
    """The key of a (normalised) name's spellings: Meryem, Mariam and Maryam share one; a name with no other
    spelling here is its own key."""
    return _keys().get(name, name)


def same_spelling(a: str, b: str) -> bool:
    """Are these two (normalised) names one name spelt two ways, or the same?"""
    return spelling(a) == spelling(b)
