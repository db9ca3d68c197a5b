"""Name lists, frequency-weighted (``Name:weight``), loosely after ONS baby-name and surname frequencies.

Invented for the synthetic county: the weights give the common names their real dominance so that different
people share names (two Olivia Smiths), which is what makes record linkage hard. Origins are broad naming
traditions used to keep a family's names coherent, not ethnic classifications.
"""

from __future__ import annotations

# First names of children born from about 2005, by origin and sex.
CHILD_FIRST: dict[tuple[str, str], str] = {
    ("english", "M"): """
Oliver:60 Jack:48 Harry:45 George:42 Noah:40 Charlie:38 Jacob:35 Alfie:34 Freddie:33 Oscar:32 Leo:32 Thomas:30
Joshua:30 James:29 William:28 Henry:26 Archie:26 Ethan:25 Isaac:22 Max:22 Lucas:21 Theo:21 Arthur:21 Logan:20
Dylan:19 Riley:19 Jayden:14 Mason:18 Harrison:17 Samuel:17 Daniel:17 Joseph:16 Alexander:16 Lewis:15 Tyler:15
Finley:15 Reuben:12 Kai:12 Luca:12 Ryan:12 Adam:12 Liam:11 Callum:11 Kian:10 Connor:10 Jake:10 Benjamin:14
Sebastian:11 Toby:12 Louie:11 Frankie:10 Tommy:10 Ronnie:9 Albie:9 Teddy:10 Jenson:9 Ellis:8 Elliot:8 Zachary:9
Nathan:8 Matthew:10 Luke:9 Aaron:7 Cameron:7 Kyle:6 Bradley:6 Jordan:6 Brandon:5 Jamie:7 Owen:7 Rhys:5
Harvey:10 Bobby:9 Stanley:8 Hugo:7 Rory:7 Edward:8 Louis:8 Jude:7 Elijah:7 Michael:7 David:7 Jackson:6 Caleb:6
Hunter:5 Ollie:6 Ezra:5 Rowan:5 Reggie:6 Alfred:5 Ralph:4 Jesse:4 Felix:6 Austin:4 Carter:4 Frederick:4
Kayden:5 Jaxon:5 Grayson:4 Mohammed:3 Junior:2 Levi:6 Tristan:2 Morgan:3 Corey:3 Reece:4 Leon:4 Marcus:3
Nicholas:3 Christopher:4 Robert:3 Patrick:3 Alex:3 Sonny:4 Roman:4 Dexter:4 Lincoln:3 Ronan:2 Jasper:3 Mohammad:1""",
    ("english", "F"): """
Olivia:60 Amelia:55 Isla:44 Ava:42 Mia:38 Ivy:30 Lily:36 Isabella:30 Rosie:26 Sophia:26 Grace:28 Freya:28
Willow:22 Florence:22 Emily:34 Ella:30 Poppy:28 Evie:28 Elsie:22 Charlotte:26 Evelyn:18 Sienna:18 Sofia:16
Daisy:22 Phoebe:20 Sophie:24 Alice:20 Harper:16 Matilda:18 Ruby:24 Emilia:16 Maya:14 Millie:22 Isabelle:14
Chloe:18 Jessica:18 Ellie:20 Lucy:16 Holly:12 Megan:12 Hannah:12 Lola:12 Layla:12 Scarlett:14 Eva:12 Erin:10
Molly:14 Amelie:10 Maisie:12 Imogen:10 Lacey:8 Katie:8 Abigail:8 Leah:8 Niamh:6 Caitlin:6 Bethany:6 Amy:6
Lauren:6 Paige:6 Courtney:4 Elizabeth:8 Eleanor:8 Georgia:8 Summer:8 Esme:8 Bella:8 Aria:10 Thea:8 Violet:8
Harriet:6 Rebecca:5 Zara:6 Skye:6 Darcie:6 Lexi:6 Mollie:5 Tilly:5 Hollie:4 Jasmine:5 Kayla:4 Amber:6 Neve:3
Keira:4 Madison:4 Libby:6 Gracie:6 Lilly:5 Maddison:3 Aimee:3 Zoe:5 Ellie-Mae:3 Lily-Rose:3 Hallie:4 Orla:4
Nancy:4 Maeve:3 Iris:4 Ada:5 Penelope:3 Robyn:3 Mila:6 Luna:6 Aurora:5 Hazel:3 Edith:3 Margot:3 Olive:3""",
    ("irish", "M"): "Sean:10 Ciaran:8 Niall:6 Conor:8 Padraig:4 Eoin:5 Oisin:4 Cian:5 Liam:6 Darragh:4 Jack:6 Finn:5",
    ("irish", "F"): "Aoife:10 Niamh:9 Siobhan:5 Roisin:6 Caoimhe:5 Saoirse:6 Ciara:7 Orla:6 Grainne:3 Sinead:4 Erin:6",
    ("polish", "M"): """
Jakub:12 Kacper:10 Szymon:9 Filip:9 Jan:8 Antoni:7 Wojciech:6 Mateusz:8 Bartosz:6 Michal:7 Lukasz:5 Piotr:5
Pawel:5 Tomasz:4 Krzysztof:3 Dawid:6 Oskar:6 Aleksander:6 Igor:5 Adrian:4""",
    ("polish", "F"): """
Zuzanna:10 Julia:10 Maja:9 Zofia:8 Hanna:8 Lena:8 Alicja:7 Oliwia:8 Natalia:7 Wiktoria:7 Amelia:6 Katarzyna:3
Agnieszka:3 Magdalena:3 Aleksandra:6 Gabriela:5 Nikola:5 Emilia:6""",
    ("romanian", "M"): "Andrei:10 Alexandru:9 Stefan:7 Ionut:5 Mihai:7 Gabriel:7 David:7 Luca:6 Darius:6 Cristian:5",
    ("romanian", "F"): "Maria:10 Ioana:8 Elena:7 Andreea:7 Alexandra:7 Denisa:5 Bianca:6 Daria:6 Sofia:6 Ana:6",
    ("south_asian_muslim", "M"): """
Muhammad:40 Mohammed:20 Ali:10 Ibrahim:10 Yusuf:9 Zain:8 Hamza:8 Ayaan:7 Musa:7 Adam:7 Ahmed:6 Bilal:5 Hassan:5
Omar:6 Abdullah:5 Zakariya:4 Ismail:4 Rayyan:5 Haris:4 Aayan:3""",
    ("south_asian_muslim", "F"): """
Aisha:10 Fatima:10 Maryam:10 Zainab:8 Hafsa:6 Amina:6 Zara:6 Inaya:6 Safa:4 Khadija:5 Ayesha:6 Noor:5 Sana:4
Iqra:4 Aleena:4 Anaya:4 Hana:4 Eshal:3 Mariam:4""",
    (
        "indian",
        "M",
    ): "Arjun:8 Aarav:8 Rohan:6 Krish:6 Dev:5 Vihaan:5 Aryan:5 Veer:4 Arman:4 Jaskaran:3 Harvir:3 Kabir:4",
    ("indian", "F"): "Anaya:6 Diya:6 Priya:5 Aanya:6 Riya:6 Simran:5 Anika:5 Ishani:4 Jasleen:4 Kiran:3 Saanvi:5",
    ("black_african", "M"): """
David:8 Daniel:8 Emmanuel:8 Samuel:7 Joshua:7 Michael:5 Oluwaseun:4 Chukwuemeka:3 Oluwatobiloba:3 Ayodele:3
Kwame:3 Kofi:3 Abdirahman:4 Mohamed:6 Abdi:4 Hassan:3 Liban:3 Caleb:4 Elijah:5 Nathaniel:4 Jayden:3""",
    ("black_african", "F"): """
Blessing:5 Grace:6 Favour:5 Precious:5 Esther:4 Deborah:4 Chioma:3 Adaeze:3 Amina:4 Hodan:3 Fadumo:3 Ayan:3
Nimo:3 Ifeoma:3 Abigail:4 Oluwatoyin:3 Zainab:3 Success:2 Praise:3 Hannah:4""",
    ("chinese", "M"): "Wei:4 Jun:3 Hao:3 Ethan:5 Ryan:4 Jayden:4 Lucas:4 Kevin:3 Daniel:3 Yiming:2",
    ("chinese", "F"): "Mei:4 Xin:3 Emily:5 Chloe:4 Grace:4 Jasmine:4 Yan:2 Lily:4 Ying:2 Sophie:3",
    ("arabic", "M"): "Omar:8 Ahmad:6 Khalid:5 Karim:5 Yousef:6 Hamza:5 Ali:5 Mustafa:5 Abdullah:4 Ibrahim:5 Sami:3",
    ("arabic", "F"): "Fatima:7 Layla:6 Noor:6 Sara:6 Rania:4 Hiba:4 Mariam:6 Yasmin:5 Lina:5 Salma:4 Amira:5",
    ("traveller", "M"): "Levi:6 Tyson:5 Romeo:4 Jimmy:4 Johnny:5 Patrick:4 Michael:4 Tommy:4 Billy:3 Joe:3",
    ("traveller", "F"): "Kiziah:3 Mercedes:3 Lavinia:3 Patience:2 Mary:5 Bridget:4 Margaret:3 Shannon:3 Kathleen:3",
}

# First names of adults (parents and carers, born about 1960-2005).
ADULT_FIRST: dict[tuple[str, str], str] = {
    ("english", "M"): """
David:40 Daniel:35 James:40 Michael:35 Christopher:32 Matthew:32 Andrew:25 Mark:25 Paul:25 Richard:18 Thomas:22
Robert:18 Lee:18 Craig:16 Stephen:16 Jamie:16 Ryan:20 Adam:18 Ben:12 Benjamin:8 Luke:14 Dean:12 Wayne:10 Scott:14
Carl:10 Gary:12 Darren:12 Jason:10 Kevin:10 Liam:14 Jordan:8 Ashley:8 Jack:10 Nathan:10 Samuel:8 Sam:6 Tom:5
Aaron:8 Kieran:8 Callum:6 Connor:6 Shaun:6 Ricky:6 Jonathan:8 Martin:8 Simon:8 Steven:10 Anthony:10 Peter:8
John:12 Neil:6 Joseph:8 William:8 Alexander:6 Nicholas:6 Philip:5 Stuart:5 Gavin:5 Jake:6 Bradley:5 Kyle:5""",
    ("english", "F"): """
Sarah:35 Emma:35 Laura:32 Rebecca:25 Gemma:25 Claire:22 Kelly:20 Amy:25 Rachel:20 Lisa:18 Nicola:18 Hayley:16
Samantha:18 Stacey:14 Charlotte:20 Jade:16 Danielle:15 Kirsty:12 Leanne:12 Natalie:14 Zoe:12 Victoria:14
Jennifer:12 Louise:14 Hannah:14 Katie:14 Jessica:12 Lauren:14 Chloe:10 Sophie:10 Amber:6 Shannon:6 Megan:6
Kayleigh:8 Toni:5 Donna:8 Michelle:10 Joanne:10 Tracey:6 Catherine:8 Elizabeth:8 Helen:10 Katherine:6 Lucy:10
Stephanie:8 Jodie:8 Kerry:8 Carly:6 Abigail:6 Naomi:5 Alice:5 Eleanor:5 Georgina:4 Holly:6 Bethany:5 Sian:4""",
    ("irish", "M"): "Sean:8 Patrick:8 Ciaran:6 Declan:6 Kevin:6 Brendan:4 Padraig:3 Eamon:3 Niall:5 Conor:5",
    ("irish", "F"): "Siobhan:8 Mary:6 Aoife:5 Niamh:6 Roisin:4 Bridget:4 Sinead:5 Orla:4 Ciara:5 Grainne:3",
    ("polish", "M"): "Piotr:8 Tomasz:8 Pawel:7 Marcin:7 Michal:7 Krzysztof:7 Lukasz:7 Wojciech:6 Marek:5 Grzegorz:4",
    ("polish", "F"): "Katarzyna:8 Anna:9 Agnieszka:7 Magdalena:7 Joanna:6 Monika:6 Ewa:5 Malgorzata:6 Karolina:6",
    ("romanian", "M"): "Ion:6 Gheorghe:4 Vasile:4 Constantin:4 Florin:5 Marius:5 Adrian:5 Bogdan:5 Ionut:4 Andrei:5",
    ("romanian", "F"): "Maria:8 Elena:6 Ioana:5 Mihaela:5 Andreea:5 Alina:5 Cristina:5 Florentina:3 Gabriela:4",
    ("south_asian_muslim", "M"): """
Mohammed:20 Muhammad:15 Imran:8 Tariq:6 Rizwan:5 Faisal:6 Usman:6 Asif:6 Khalid:4 Zahid:4 Shahid:5 Abdul:8
Sajid:5 Nadeem:4 Amjad:4""",
    ("south_asian_muslim", "F"): """
Nadia:6 Shazia:6 Samina:5 Rubina:4 Hina:4 Ayesha:6 Fatima:6 Sadia:5 Nasreen:4 Saima:5 Farzana:5 Shabana:4""",
    ("indian", "M"): "Rajesh:5 Sanjay:5 Amit:6 Vijay:4 Harpreet:4 Gurpreet:4 Jaspreet:3 Manpreet:3 Ravi:5 Sunil:4",
    ("indian", "F"): "Priya:6 Anjali:5 Pooja:5 Neha:5 Kiran:4 Sunita:4 Navneet:4 Rupinder:3 Meena:4 Deepa:4",
    ("black_african", "M"): """
Emmanuel:6 Oluwaseun:4 Chukwuemeka:4 Kwame:4 Kofi:4 Samuel:5 Daniel:5 Ahmed:4 Abdirahman:4 Mohamed:6 Yusuf:3
Olumide:3 Tunde:4 Babatunde:3""",
    ("black_african", "F"): """
Blessing:5 Grace:5 Funmilayo:3 Folake:3 Chioma:4 Ngozi:4 Amina:4 Hodan:4 Fadumo:4 Ayan:3 Abena:3 Akosua:3""",
    ("chinese", "M"): "Wei:5 Jun:4 Hao:3 Ming:4 Jian:3 Kevin:3 Michael:3 Tony:3",
    ("chinese", "F"): "Mei:5 Li:4 Xiaoling:3 Ying:4 Hui:3 Jenny:3 Helen:3 Amy:3",
    ("arabic", "M"): "Ahmad:6 Omar:5 Khalid:5 Mahmoud:4 Karim:4 Yousef:5 Hassan:5 Ali:5 Mohammad:6",
    ("arabic", "F"): "Fatima:6 Layla:4 Rania:4 Huda:4 Mariam:5 Amal:4 Samira:4 Noor:4",
    ("traveller", "M"): "John:6 Patrick:6 Michael:5 Thomas:4 James:4 Martin:4 Joseph:4 Billy:3",
    ("traveller", "F"): "Mary:6 Bridget:5 Margaret:4 Kathleen:4 Ellen:3 Nora:3 Winnie:3 Lavinia:3",
}

SURNAMES: dict[str, str] = {
    "english": """
Smith:126 Jones:80 Williams:62 Taylor:55 Brown:54 Davies:45 Evans:33 Wilson:32 Thomas:30 Johnson:30 Roberts:30
Robinson:27 Thompson:27 Wright:26 Walker:25 White:24 Edwards:24 Hughes:23 Green:23 Hall:23 Lewis:22 Harris:22
Clarke:21 Jackson:20 Wood:20 Turner:19 Martin:19 Cooper:18 Hill:18 Ward:18 Morris:17 Moore:17 Clark:17 Lee:17
King:17 Baker:16 Harrison:16 Morgan:16 Allen:15 James:15 Scott:15 Phillips:15 Watson:14 Davis:14 Parker:14
Price:14 Bennett:14 Young:14 Griffiths:14 Mitchell:13 Kelly:13 Cook:13 Carter:13 Richardson:13 Bailey:13
Collins:13 Bell:13 Shaw:12 Murphy:12 Miller:12 Cox:12 Richards:12 Marshall:11 Anderson:11 Simpson:11 Ellis:11
Adams:11 Wilkinson:11 Foster:10 Chapman:10 Powell:10 Webb:10 Rogers:10 Gray:10 Mason:10 Hunt:10 Campbell:10
Matthews:10 Owen:10 Palmer:9 Holmes:9 Mills:9 Barnes:9 Knight:9 Lloyd:9 Butler:9 Russell:9 Barker:9 Fisher:9
Stevens:9 Jenkins:9 Murray:9 Dixon:8 Harvey:8 Graham:8 Pearson:8 Fletcher:8 Walsh:8 Gibson:8 Howard:8 Andrews:8
Stewart:8 Elliott:8 Reynolds:8 Saunders:8 Payne:8 Fox:8 Ford:8 Pearce:7 Day:7 Brooks:7 West:7 Lawrence:7 Cole:7
Atkinson:7 Bradley:7 Spencer:7 Dawson:7 Ball:7 Burton:7 O'Brien:6 Watts:7 Rose:7 Booth:7 Perry:7 Ryan:6 Grant:6
Wells:6 Armstrong:6 Francis:6 Rees:6 Hayes:6 Hart:6 Hudson:6 Newman:6 Barrett:6 Webster:6 Hunter:6 Gregory:6
Carr:6 Lowe:6 Page:6 Marsh:6 Riley:6 Dunn:6 Woods:6 Parsons:6 Berry:6 Stone:6 Reid:6 Holland:5 Hawkins:5
Harding:5 Porter:5 Robertson:5 Newton:5 Oliver:5 Reed:5 Kennedy:5 Williamson:5 Bird:5 Gardner:5 Dean:5 Lane:5
Cooke:5 Bates:5 Henderson:5 Parry:5 Burgess:5 Bishop:5 Walton:5 Burns:5 Nicholson:5 Shepherd:5 Ross:5 Cross:5
Long:5 Freeman:5 Warren:5 Nicholls:5 Hamilton:5 Byrne:5 Sutton:5 McDonald:5 Yates:5 Hodgson:5 Robson:5 Curtis:5
Hopkins:5 O'Connor:4 Harper:5 Coleman:5 Watkins:5 Moss:5 McCarthy:4 Chambers:5 O'Neill:4 Griffin:4 Sharp:4
Hardy:4 Wheeler:4 Potter:4 Osborne:4 Johnston:4 Gordon:4 Doyle:4 Wallace:4 George:4 Jordan:4 Hutchinson:4
Read:4 Lambert:4 Fowler:4 Ashdown:2 Pickering:3 Ashworth:3 Blackwell:3 Bowden:3 Catchpole:2 Dunmore:2""",
    "irish": "Murphy:10 Kelly:9 O'Brien:8 O'Connor:7 Byrne:7 Ryan:7 Walsh:7 O'Neill:6 Doyle:6 McCarthy:6 Gallagher:5",
    "polish": """
Nowak:10 Wozniak:7 Mazur:6 Krawczyk:6 Kaczmarek:5 Zajac:5 Krol:4 Wieczorek:4 Jablonski:4 Wrobel:4 Pawlak:4
Walczak:4 Stepien:3 Dudek:4 Sikora:3 Baran:3""",
    "romanian": "Popescu:8 Ionescu:6 Popa:7 Constantin:5 Stan:5 Dumitru:5 Munteanu:4 Lungu:4 Rusu:4 Marin:5 Moldovan:4",
    "south_asian_muslim": """
Khan:20 Hussain:16 Ahmed:16 Ali:14 Rahman:8 Islam:6 Akhtar:6 Mahmood:6 Iqbal:7 Butt:5 Shah:6 Malik:6 Uddin:5
Miah:5 Chowdhury:5 Bibi:3 Begum:4 Rashid:4""",
    "indian": "Patel:20 Singh:14 Sharma:6 Gill:5 Sandhu:4 Mistry:4 Shah:5 Parmar:4 Chauhan:3 Desai:3 Joshi:3 Dhillon:3",
    "black_african": """
Okafor:4 Adeyemi:4 Okonkwo:3 Mensah:4 Boateng:4 Asante:3 Owusu:4 Adebayo:4 Eze:3 Nwosu:3 Olawale:3 Mohamed:6
Ali:4 Abdi:4 Hassan:4 Farah:4 Osman:3 Warsame:3 Yusuf:3""",
    "chinese": "Wang:5 Li:5 Zhang:4 Liu:4 Chen:5 Yang:3 Huang:3 Wong:4 Chan:4 Cheung:3 Lee:3 Lin:3",
    "arabic": "Al-Hassan:4 Abdullah:4 Haddad:3 Nasser:3 Saleh:3 Rahimi:3 Ahmadi:4 Mohammadi:3 Karimi:3 Al-Amin:3",
    "traveller": "Smith:6 Lee:5 Price:4 Cooper:4 Loveridge:3 Boswell:3 Doherty:4 McDonagh:4 Ward:4 Connors:4",
}

MIDDLE_SHARE = {"english": 0.72, "irish": 0.6, "south_asian_muslim": 0.35, "indian": 0.25, "black_african": 0.6}

# Nicknames, short forms and anglicised forms: what one agency records for another's legal first name.
VARIANTS = """
Elizabeth=Beth,Liz,Lizzie,Eliza William=Will,Billy,Liam Alexander=Alex,Xander Alexandra=Alex,Lexi,Sasha
Thomas=Tom,Tommy James=Jim,Jamie Daniel=Dan,Danny Samuel=Sam,Sammy Benjamin=Ben,Benji Joseph=Joe,Joey
Matthew=Matt Christopher=Chris Michael=Mike,Mikey Nicholas=Nick,Nicky Jonathan=Jon,Jonny Robert=Rob,Bobby
Richard=Rich,Ricky Anthony=Tony,Ant Charlotte=Charlie,Lottie Isabella=Bella,Izzy Isabelle=Izzy,Bella
Olivia=Liv,Livvy Amelia=Millie,Amy Sophia=Sophie Katherine=Kate,Katie Catherine=Cath,Kate Jessica=Jess
Rebecca=Becky,Becca Samantha=Sam,Sammie Victoria=Vicky,Tori Jennifer=Jen,Jenny Eleanor=Ellie,Nell
Abigail=Abbie,Abi Frederick=Freddie,Fred Alfred=Alfie Harrison=Harry Henry=Harry Edward=Ed,Eddie,Ted
Theodore=Theo,Teddy Zachary=Zach,Zack Nathaniel=Nate,Nathan Joshua=Josh Jacob=Jake Oliver=Ollie
Harriet=Hattie Florence=Flo,Florrie Matilda=Tilly Stanley=Stan Ronald=Ronnie Albert=Albie Cameron=Cam
Natalie=Nat Danielle=Dani Nicola=Nicky Stephen=Steve Steven=Steve Andrew=Andy Gabriella=Gabby Georgina=Georgie
Emily=Em,Emmy Kayleigh=Kayley Jayden=Jaden,Jaiden Kayden=Caden Mackenzie=McKenzie Leah=Lea Lacey=Lacie
Aimee=Amy Zoe=Zoey Jaxon=Jackson Callum=Calum Niamh=Neve Rhys=Reece,Reese Tyler=Tylor Katie=Katy
Hollie=Holly Millie=Milly Lilly=Lily Lily=Lilly Evie=Evey Grayson=Greyson Jenson=Jensen Freya=Freyja
Muhammad=Mohammed,Mohammad,Mohamed,Mohamad Mohammed=Muhammad,Mohammad,Mohamed Mohammad=Mohammed,Muhammad
Mohamed=Mohammed,Mohamud Ayesha=Aisha,Aysha Aisha=Ayesha,Aysha Yusuf=Yousef,Yusef,Joseph Zakariya=Zakaria,Zachariah
Fatima=Fatimah Maryam=Mariam,Miriam Abdullah=Abdulla Ibrahim=Ebrahim,Abraham Hamza=Hamzah Omar=Umar
Wojciech=Voytek,Wojtek Jakub=Jacob,Kuba Katarzyna=Kate,Kasia Aleksander=Alex,Olek Michal=Michael
Lukasz=Luke Piotr=Peter Pawel=Paul Tomasz=Tom Krzysztof=Chris Malgorzata=Gosia,Margaret Agnieszka=Agnes
Magdalena=Magda Joanna=Asia Zuzanna=Susan,Zuza Aleksandra=Ola,Alex Szymon=Simon Mateusz=Matthew
Bartosz=Bart Filip=Philip Antoni=Anthony Wiktoria=Victoria Oliwia=Olivia Alicja=Alicia
Oluwaseun=Seun Chukwuemeka=Emeka Oluwatobiloba=Tobi Adaeze=Ada Abdirahman=Abdi Oluwatoyin=Toyin
Babatunde=Tunde Olumide=Mide Ifeoma=Ify Funmilayo=Funmi Padraig=Patrick Sean=Shaun,Shawn Siobhan=Shiv
Caoimhe=Keeva Ciaran=Kieran Aoife=Eva Eoin=Owen Oisin=Osheen Roisin=Rosheen Grainne=Grania Saoirse=Sersha
Alexandru=Alex Ionut=John Stefan=Steven Mihai=Michael Andrei=Andrew Gheorghe=George Ioana=Joanna
Wei=William Jun=John Hao=Howard Mei=May Xin=Cindy Ying=Jennifer
"""

# Pairs of similar names some parents give twins.
TWIN_PAIRS: dict[str, str] = {
    "M/M": "Jayden:Jaden Harry:Harvey Oliver:Oscar Noah:Nathan Alfie:Archie Leo:Luca Tyler:Taylor Hassan:Hussain",
    "F/F": "Mia:Maya Ella:Bella Lily:Lucy Ava:Eva Millie:Mollie Gracie:Lacey Amelia:Emilia Zara:Sara Hana:Hiba",
    "M/F": "Oliver:Olivia Harry:Harriet Alfie:Alice Jacob:Jessica Noah:Nora Freddie:Freya Adam:Amina",
}

STREET_STEMS = """
Mill Church Station Kiln Ash Oak Beech Elm Rowan Willow Hawthorn Chestnut Holly Meadow Orchard Brook River Bridge
Castle Abbey Priory Manor Hall Park Green Common Heath Moor Marsh Fen Wold Ridge Hill Valley Vale Spring Well
Fox Badger Heron Swan Kestrel Lark Wren Falcon Raven Cedar Larch Maple Poplar Sycamore Hazel Alder Birch Linden
Queen's King's Prince's Victoria Albert George Windsor Nelson Cromwell Wellington Trafalgar Coronation Jubilee
Saxon Roman Tudor Norman Mercia Cavendish Grosvenor Pembroke Stanley Kitchener Baden Gladstone Milton Chaucer
Shelley Byron Keats Tennyson Wordsworth Blake Turner Constable Gainsborough Darwin Newton Faraday Telford Brunel
Harbour Quay Wharf Lock Canal Ferry Mariner Anchor Beacon Lantern Forge Tannery Malthouse Granary Dairy Barley
"""
STREET_KINDS = "Road:30 Street:22 Lane:12 Close:14 Avenue:9 Way:6 Drive:7 Crescent:5 Gardens:4 Court:3 Place:3 Row:2"

TOWNS = ("Esterbury", "Kingsford", "Ashby Wold", "Hartmoor", "Fenwick", "Saltmarsh", "Brackenfield", "Dunmere")
