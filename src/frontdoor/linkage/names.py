"""First-name equivalents: common English short forms and anglicised spellings, as agencies record them.

Each line is one group of names that may be recorded for the same person. A name can sit in several groups
(Alex is short for Alexander and Alexandra), so a name's keys are the set of groups it belongs to and two names
are equivalent when their keys meet. Pure data and a few functions: no Django.
"""

from __future__ import annotations

from functools import cache, lru_cache

from frontdoor.people.phonetic import FOLDED, fold

__all__ = ["FOLDED", "equivalents", "fold", "name_keys", "name_parts", "normalise_name"]

_GROUPS = """
Elizabeth Beth Liz Lizzie Eliza Betty Bess
William Will Billy Bill Liam
Alexander Alex Xander Sandy Aleksander Alexandru Olek Sasha
Alexandra Alex Lexi Sasha Aleksandra Ola
Thomas Tom Tommy Tomasz
James Jim Jimmy Jamie
Daniel Dan Danny
Samuel Sam Sammy
Samantha Sam Sammie Sammy
Benjamin Ben Benji Benny
Joseph Joe Joey Yusuf Yousef Yusef
Matthew Matt Matty Mateusz
Christopher Chris Kit Krzysztof
Michael Mike Mikey Mick Michal Mihai
Nicholas Nick Nicky
Nicola Nicky Nikki
Jonathan Jon Jonny
John Jack Johnny Jun Ionut
Robert Rob Bob Bobby Robbie
Richard Rich Ricky Dick
Anthony Tony Ant Antoni
Charlotte Charlie Lottie
Charles Charlie Chas
Isabella Bella Izzy Isabelle Isobel
Olivia Liv Livvy Oliwia
Amelia Millie Amy
Sophia Sophie
Katherine Kate Katie Katy Kathy Kathryn Kasia Katarzyna
Catherine Cath Kate Cathy Kathy
Jessica Jess Jessie
Rebecca Becky Becca Bex
Victoria Vicky Tori Wiktoria
Jennifer Jen Jenny Ying
Eleanor Ellie Nell Nelly
Abigail Abbie Abi Abby
Frederick Freddie Fred Freddy
Alfred Alfie Alf
Harrison Harry
Henry Harry Hal
Edward Ed Eddie Ted Teddy
Theodore Theo Teddy
Zachary Zach Zack Zak Zakariya Zakaria Zachariah
Nathaniel Nate Nathan
Joshua Josh
Jacob Jake Jakub Kuba
Oliver Ollie Olly
Harriet Hattie
Florence Flo Florrie
Matilda Tilly Tilda
Stanley Stan
Ronald Ron Ronnie
Albert Albie Bert
Cameron Cam
Natalie Nat
Danielle Dani
Stephen Steve Steven Stefan Stephan
Andrew Andy Drew Andrei
Gabriella Gabby Gabriel
Georgina Georgie
George Georgie Gheorghe
Emily Em Emmy Emma
Kayleigh Kayley Kayla
Jayden Jaden Jaiden
Kayden Caden Kaden
Mackenzie McKenzie
Leah Lea
Mia Miah Meah
Lacey Lacie
Aimee Amy
Zoe Zoey
Jaxon Jackson
Callum Calum
Niamh Neve
Rhys Reece Reese
Tyler Tylor
Hollie Holly
Millie Milly
Lilly Lily Lili
Evie Evey
Grayson Greyson
Jenson Jensen
Freya Freyja
Muhammad Mohammed Mohammad Mohamed Mohamad Mohamud Mohammod
Ayesha Aisha Aysha Ayeesha
Fatima Fatimah
Maryam Mariam Miriam Mary
Abdullah Abdulla
Ibrahim Ebrahim Abraham
Hamza Hamzah
Omar Umar
Wojciech Voytek Wojtek
Lukasz Luke Lucas
Piotr Peter Pete
Pawel Paul
Malgorzata Gosia Margaret Maggie Peggy
Agnieszka Agnes
Magdalena Magda
Joanna Asia Ioana Jo
Zuzanna Susan Zuza Sue Suzanne
Szymon Simon
Bartosz Bart
Filip Philip Phil Phillip
Alicja Alicia Alice
Oluwaseun Seun
Chukwuemeka Emeka
Oluwatobiloba Oluwatobi Tobi
Adaeze Ada
Abdirahman Abdi
Oluwatoyin Toyin
Babatunde Tunde
Olumide Mide
Ifeoma Ify
Funmilayo Funmi
Oluwadamilare Dami
Ayodeji Deji
Folasade Sade
Padraig Patrick Pat Paddy
Sean Shaun Shawn
Siobhan Shiv
Caoimhe Keeva
Ciaran Kieran Keiran
Aoife Eva
Eoin Owen
Oisin Osheen
Roisin Rosheen
Grainne Grania
Saoirse Sersha
Wei William
Hao Howard
Mei May
Xin Cindy
Margaret Maggie Meg Peggy
Deborah Debbie Deb
Susan Sue Susie
Patricia Pat Patty Trish
Timothy Tim Timmy
Gregory Greg
Kenneth Ken Kenny
Leonard Len Lenny Leo
Raymond Ray
Terence Terry
Lawrence Laurence Larry Laurie
Archibald Archie
"""


def _index() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = {}
    for number, line in enumerate(line for line in _GROUPS.splitlines() if line.strip()):
        for name in line.split():
            index.setdefault(normalise_name(name), set()).add(number)
    return {name: frozenset(groups) for name, groups in index.items()}


@lru_cache(maxsize=65_536)  # names recur: a real-time lookup normalises each candidate's names
def normalise_name(name: str) -> str:
    """Lower case letters only, diacritics dropped: 'O'Brien-Smith' and 'obriensmith' compare equal, and so do
    'Wójcik' and 'Wojcik'."""
    return "".join(c for c in fold(name) if c.isalpha())


def name_parts(*names: str | None) -> list[str]:
    """Every part of a person's names, each whole and each word of it, normalised (sorted, no repeats; words of one
    letter dropped): 'Thi Thao', 'Bui' -> ['bui', 'thao', 'thi', 'thithao']. A name recorded in another order, or
    with a part left out (Nguyen Thi Lan and Lan Nguyen; Garcia Lopez and Lopez), is found among them."""
    parts: set[str] = set()
    for name in names:
        if name:
            parts |= _parts_of(name)
    return sorted(parts)


@lru_cache(maxsize=65_536)  # a county holds a few tens of thousands of names in a million records' combinations
def _parts_of(name: str) -> frozenset[str]:
    """One name's parts (name_parts): the name whole and each word of it of two letters or more, normalised."""
    whole = normalise_name(name)
    words = "".join(c if c.isalpha() else " " for c in fold(name)).split()
    return frozenset({whole} if whole else set()) | {word for word in words if len(word) > 1}


@cache
def _groups() -> dict[str, frozenset[int]]:
    return _index()


def name_keys(name: str) -> list[int]:
    """The equivalence groups a first name belongs to (empty when it is in none), sorted."""
    return sorted(_groups().get(normalise_name(name), ()))


@cache
def _members() -> dict[int, tuple[str, ...]]:
    members: dict[int, list[str]] = {}
    for name, groups in _groups().items():
        for group in groups:
            members.setdefault(group, []).append(name)
    return {group: tuple(sorted(names)) for group, names in members.items()}


def equivalents(name: str) -> list[str]:
    """Every name that may be recorded for someone of this first name (itself included when it has any), sorted."""
    return sorted({other for group in name_keys(name) for other in _members()[group]})
