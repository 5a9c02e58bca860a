"""Hard negatives, part 2: follow-up stories.

A follow-up is a new article, days after the base story, reporting new
developments on the same subject.  Like real agency copy it re-uses the
original's background paragraph(s) word for word: a line ``{background:N}``
in the text is replaced by paragraph N (0-based) of the base article, so the
repeated paragraph is guaranteed to be verbatim.  Follow-ups are different
stories and must not be merged with the original.  All events, people and
quotes are fictional.
"""

from typing import Any

FOLLOW_UPS: list[dict[str, Any]] = [
    dict(
        base="mozambique-municipal",
        site="newsagency.example",
        section="africa",
        published="2026-11-06T19:00:00Z",
        title="Mozambique police arrest dozens as post-election protests spread to Nampula",
        text="""
NAMPULA, Mozambique (NPA) — Police in Mozambique arrested at least 63 people on
Friday as protests against the results of last week's municipal elections spread
from the capital to the northern city of Nampula, where demonstrators burned
tyres and blocked the main road to the port of Nacala.

Police spokesperson Celso Machava said officers had used tear gas and rubber
bullets to disperse "groups of vandals" who attacked a district electoral
office. Two officers were injured, he said.

Local journalists reported that at least one protester had been shot and
wounded. The report could not be independently verified.

The opposition Democratic Renewal Movement, which says the ruling party's
victory in 58 of the 65 municipalities was the product of fraud, said it had
filed 14 appeals with the Constitutional Council and accused the police of
arresting its polling agents in their homes.

{background:5}

The Constitutional Council has until early December to validate the results.
Diplomats in Maputo issued a joint statement on Friday urging restraint and
calling on all parties to pursue their complaints through the courts.
""",
    ),
    dict(
        base="libya-shipwreck",
        site="wire.example",
        section="world/europe",
        published="2026-11-12T10:30:00Z",
        title="Italian prosecutors detain two suspected smugglers after deadly shipwreck off Libya",
        text="""
AGRIGENTO, Italy (Wire) — Italian prosecutors have detained two men suspected of
steering a migrant boat that capsized off Libya last weekend, leaving dozens
dead or missing, after survivors identified them at the reception centre on
Lampedusa.

The two, a 27-year-old Libyan and a 31-year-old Egyptian, are accused of aiding
illegal immigration and causing a shipwreck, prosecutors in Agrigento said in a
statement on Wednesday. They had arrived among the rescued survivors and were
initially registered as passengers.

"Several survivors independently pointed to the same two men as the ones who
had the satellite phone and the compass, and who decided when to leave," an
investigator told Wire, speaking on condition of anonymity.

Rescuers have so far recovered three bodies, and 38 people remain missing.
Survivors told investigators that each passenger had paid between $1,500 and
$2,500 for the crossing.

{background:4}

Rights groups say arresting boat drivers does little to dismantle smuggling
networks, since the people at the tiller are often migrants themselves who were
coerced into steering or given a discount on the fare.
""",
    ),
    dict(
        base="belarus-journalist-border",
        site="newsagency.example",
        section="europe",
        published="2026-11-13T12:40:00Z",
        title="Belarus charges detained exile journalist with aiding 'extremist' group",
        text="""
VILNIUS (NPA) — Belarusian investigators have charged Volha Radzevich, a
journalist for the Lithuania-based exile outlet Vilnia Media, with
"facilitating extremist activity", an offence punishable by up to six years in
prison, her colleagues said on Friday.

Radzevich, 34, was detained last Sunday at the Kamenny Log border crossing while
travelling to see her mother. She is now being held in a pre-trial detention
centre in Minsk, the outlet said, citing information from her family.

"The charge is simply that she did her job," said Vilnia Media's
editor-in-chief, Siarhei Pauliuk. "Every article she wrote is now evidence."

{background:4}

The European Parliament's delegation for relations with Belarus called for her
immediate release. Lithuania's foreign minister said he had raised the case with
EU partners and was exploring ways to help her family.

Belarus's Investigative Committee did not respond to a request for comment.
""",
    ),
    dict(
        base="egypt-hunger-strike",
        site="wire.example",
        section="world/middle-east",
        published="2026-11-18T11:20:00Z",
        title="Hunger-striking Egyptian activist moved to prison hospital, family says",
        text="""
CAIRO (Wire) — Karim Nassar, an Egyptian activist who has been on hunger strike
for more than five weeks, was moved to a prison hospital on Tuesday after
fainting in his cell, his family said on Wednesday.

His sister Salma, who was allowed a 20-minute visit, said he was unable to stand
without help and had been given intravenous fluids. She said he had told her he
would continue the strike until a judge reviewed his detention.

"He looked like a different person. He could barely lift his hand to touch the
glass," she said. "We are asking for one thing: an independent doctor."

A prison official, who asked not to be named, said Nassar was receiving
appropriate care and was in a stable condition.

{background:4}

On Wednesday, a group of UN human rights experts said they were "gravely
concerned" for Nassar's life and urged the Egyptian authorities to release him
or bring him promptly before a court.
""",
    ),
    dict(
        base="kazakhstan-ngo-law",
        site="wire.example",
        section="world/asia",
        published="2026-11-12T09:45:00Z",
        title="Kazakh Senate approves foreign funding law for NGOs despite EU concerns",
        text="""
ALMATY (Wire) — Kazakhstan's Senate on Thursday approved a law tightening state
control over non-governmental organisations that receive foreign money, sending
it to the president for signature despite appeals from the European Union and
UN human rights officials.

Senators voted 41 to 2 for the bill, which was passed by the lower house last
week. Supporters said it would bring transparency to the sector, while critics
called it a tool to silence independent groups.

{background:1}

{background:4}

"Nothing in this law prevents any organisation from working. It only asks them
to be honest about their money," Senate speaker Marat Dzhaksybekov told
reporters after the vote.

Several civil society groups said they would ask the Constitutional Court to
review the law, and two international donors said they were assessing whether
their local partners would be able to continue receiving grants.
""",
    ),
    dict(
        base="poland-pushbacks",
        site="newsagency.example",
        section="europe",
        published="2026-11-16T14:00:00Z",
        title="Syrian man found dead near Poland-Belarus border fence, aid group says",
        text="""
WARSAW (NPA) — The body of a young Syrian man was found in the forest near the
Polish border with Belarus on Sunday, an aid group said, the third death
reported in the area this autumn.

Volunteers from the Border Witness Network said they had been alerted by the
man's brother, who had lost contact with him two days earlier. They found the
body about 300 metres from the fence near the village of Narewka and called the
police.

The Border Guard confirmed that a body had been found and said prosecutors had
opened an investigation into the cause of death. Temperatures in the area have
dropped below freezing at night in recent days.

{background:4}

The Border Witness Network published a report last week documenting at least
300 pushbacks to Belarus between August and October, which the Border Guard
rejected.

"We warned that people would die this winter. We are not pleased to be proven
right," said Karolina Wrzos of the network.
""",
    ),
    dict(
        base="unsc-sudan-veto",
        site="wire.example",
        section="world/africa",
        published="2026-11-30T21:00:00Z",
        title="UN General Assembly debates Russian veto on Sudan aid access",
        text="""
UNITED NATIONS (Wire) — Dozens of countries criticised Russia's veto of a
Security Council resolution on humanitarian access in Sudan during a General
Assembly debate on Monday, while Moscow said it had acted to protect the
country's sovereignty.

The debate was triggered automatically by the veto cast on Nov. 20, under a
2022 General Assembly resolution requiring the 193-member body to meet whenever
a permanent member of the Security Council blocks a decision.

The UN humanitarian chief told the Assembly that only a fraction of the aid
needed had reached Darfur and Kordofan in November, and that trucks at the
Adre crossing were still waiting for permission to enter.

{background:4}

Russia's representative said the draft had been "rushed" and that Moscow was
ready to support a text negotiated with the Sudanese government. Several
African states called for renewed talks on a compromise resolution.

The debate does not produce any binding decision, but diplomats said it would
keep pressure on council members to find an alternative.
""",
    ),
    dict(
        base="tunisia-mass-trial",
        site="wire.example",
        section="world/africa",
        published="2026-11-24T18:00:00Z",
        title="Tunisian court adjourns mass trial again as detained defendants begin hunger strike",
        text="""
TUNIS (Wire) — A Tunisian court on Tuesday adjourned for a second time the mass
trial of 120 government critics accused of conspiring against state security,
as 12 of the detained defendants announced a hunger strike in protest at being
tried by video link.

The judge set the next hearing for Dec. 16 after defence lawyers again demanded
that their clients be brought to court.

{background:1}

"We will not take part in a trial where our clients are pictures on a screen,"
said Samia Ben Slimane, one of the defence lawyers. "They have started a hunger
strike because it is the only voice left to them."

{background:4}

Dozens of relatives protested outside the court. The justice ministry has said
the video-link procedure is lawful and necessary for security reasons.
""",
    ),
    dict(
        base="georgia-tv-licence",
        site="newsagency.example",
        section="europe",
        published="2026-11-18T16:30:00Z",
        title="Georgian court upholds suspension of Kanal 9 broadcasting licence",
        text="""
TBILISI (NPA) — A court in Tbilisi on Wednesday rejected an appeal by the
television channel Kanal 9 against the suspension of its broadcasting licence,
upholding the regulator's decision to take it off air for three months.

Judge Giorgi Beridze ruled that the Communications Commission had acted within
its powers and that the channel had not shown that the suspension would cause
it "irreparable damage". The channel said it would appeal to a higher court.

Kanal 9 went off terrestrial and cable networks on Saturday but has continued
to broadcast its news programmes online, where its evening bulletin has drawn
more than 400,000 viewers a night, according to its own figures.

{background:4}

{background:6}

The European Union's ambassador in Tbilisi said the ruling was "deeply
regrettable" and that media pluralism was one of the conditions for Georgia's
EU membership path.
""",
    ),
    dict(
        base="samos-fire",
        site="newsagency.example",
        section="europe",
        published="2026-11-19T10:00:00Z",
        title="Greece moves 900 asylum seekers to mainland after Samos fire; two arrested",
        text="""
ATHENS (NPA) — Greek authorities have moved about 900 asylum seekers from Samos
to camps on the mainland after a fire destroyed part of the island's reception
centre, and police have arrested two residents on suspicion of starting the
blaze, officials said on Thursday.

The two men, aged 22 and 25, were charged with arson and endangering lives,
police said. Their lawyer said they denied the charges and had themselves lost
all their belongings in the fire.

The migration ministry said families with children and people with medical
needs had been given priority for transfer, and that the rest of the residents
made homeless by the fire were being housed in heated tents.

{background:4}

Aid groups said the transfers were welcome but warned that overcrowding on the
island would return unless the centre's capacity was respected.

"Moving people after a disaster is not a policy. It is damage control," said
Eleni Papadaki of an aid group working on Samos.
""",
    ),
    dict(
        base="vietnam-floods",
        site="wire.example",
        section="world/asia-pacific",
        published="2026-11-23T07:30:00Z",
        title="Vietnam flood death toll rises to 41 as UN agencies appeal for aid",
        text="""
HANOI (Wire) — The death toll from a week of floods and landslides in central
Vietnam has risen to 41, with six people still missing, the disaster management
agency said on Monday, as UN agencies launched an appeal for $18 million to help
the worst-hit families.

Floodwaters have receded in Hue and Quang Tri, but thousands of families
returned to homes filled with mud and ruined rice stocks. Authorities said more
than 120,000 hectares of crops had been damaged.

{background:2}

"Families have lost not only their homes but their harvest and their animals,
which means they have lost their income for the coming months," the UN resident
coordinator in Vietnam said in a statement.

The appeal will fund clean water, food, shelter materials and cash assistance
for about 150,000 people. The government has allocated emergency funds to the
affected provinces and deployed soldiers to help clear roads.

Rail services between Hanoi and Ho Chi Minh City resumed on Sunday after repairs
to the damaged section of track.
""",
    ),
    dict(
        base="es-tapachula-varados",
        site="agencia.example",
        section="america/migracion",
        published="2026-11-20T23:00:00Z",
        title="Sale de Tapachula una caravana de unos 2.000 migrantes rumbo a la capital mexicana",
        text="""
Tapachula (México), 20 nov (Agencia).- Unas 2.000 personas migrantes, entre
ellas cientos de niños, salieron este viernes a pie de la ciudad de Tapachula,
en la frontera sur de México, en una caravana con la que buscan llegar a la
Ciudad de México para presionar a las autoridades a agilizar sus trámites de
refugio.

Los participantes partieron antes del amanecer desde el parque central y
avanzaron por la carretera costera escoltados por agentes del Instituto
Nacional de Migración, que no intentaron detenerlos en las primeras horas.

"No queremos pasar a Estados Unidos. Queremos papeles para trabajar aquí y no
morirnos de hambre en un parque", dijo Yorleidis Campos, venezolana de 29 años
que viaja con sus dos hijos.

{background:4}

Las organizaciones humanitarias habían advertido la semana pasada de que más de
9.000 personas esperaban una cita para solicitar refugio en la ciudad.

La Comar informó en un comunicado que abrirá un módulo de atención adicional en
Tapachula a partir del lunes.
""",
    ),
    dict(
        base="belarus-lawyer-kavaleva",
        site="amnesty.example",
        section="latest/press-releases",
        published="2026-11-12T15:00:00Z",
        title="Belarus: Six-year sentence for lawyer Maryna Kavaleva is a travesty of justice",
        text="""
Responding to the news that human rights lawyer Maryna Kavaleva has been
sentenced to six years in a penal colony after a closed trial in Minsk that
lasted two days, Oleksandra Petrenko, Amnesty International's Deputy Director
for Eastern Europe and Central Asia, said:

"This sentence is a travesty of justice. Maryna Kavaleva was tried behind closed
doors, by a judge who refused to hear any of the witnesses she called, for
nothing more than advising the families of people the authorities had already
locked up.

"The message to Belarus's remaining lawyers could not be clearer: defend a
political prisoner, and you may become one. The international community must
not let this case pass in silence."

Maryna Kavaleva's relatives were not allowed into the courtroom. According to
her family, she appeared in court visibly unwell and has been denied the
medication she needs for her heart condition.

{background:4}

Amnesty International considers Maryna Kavaleva a prisoner of conscience and
calls for her immediate and unconditional release.
""",
    ),
    dict(
        base="niger-delta-flaring-suit",
        site="climateaction.example",
        section="news",
        published="2026-11-10T08:00:00Z",
        title="Niger Delta flaring case: claimants report intimidation after filing lawsuit",
        text="""
Claimants in the gas flaring lawsuit filed last week at the Federal High Court
in Port Harcourt say they have been visited by unidentified men and warned to
withdraw the case, the Climate Action Coalition said today.

Two of the claimants from Izombe told the coalition that men who said they were
acting on behalf of "the community's friends" came to their homes at night and
suggested that the case would bring trouble to their families. A youth leader in
Obrikom said he had been offered money to persuade others to drop out.

"We expected the company to fight us in court. We did not expect people to come
to our houses at night," said Chief Godwin Amadi, one of the lead claimants.

{background:3}

The coalition has written to the Inspector General of Police asking for
protection for the claimants and their lawyers, and has informed the UN Special
Rapporteur on human rights defenders.

The company said it had no knowledge of the alleged incidents and condemned any
attempt to intimidate community members.
""",
    ),
    dict(
        base="damp-mould-tenants",
        site="dailypaper.example",
        section="news/uk",
        published="2026-11-14T06:00:00Z",
        title="Hundreds more tenants come forward after landmark mould ruling",
        text="""
More than 300 tenants from across the north-west have contacted a law centre
about damp and mould in their homes since it won a case for 42 residents of the
Brookfield estate last week, the centre has said.

Staff at the centre said they had received photographs of mould-covered walls,
ceilings and cots from tenants of at least nine social landlords, and that they
were considering bringing a second group claim.

"The phone has not stopped ringing. People are saying, 'That is my flat, that is
my child,'" said the centre's director, Angela Moss. "Many of them have been
complaining for years."

{background:5}

The housing association at the centre of last week's case has written to all
its tenants inviting them to report damp and mould through a new dedicated
phone line. A survey of all its properties will begin this month.

The National Housing Federation said landlords were investing record sums in
repairs but faced rising costs.
""",
    ),
    dict(
        base="motorway-protesters-acquitted",
        site="dailypaper.example",
        section="news/uk",
        published="2026-11-18T12:00:00Z",
        title="Attorney general refers climate protest acquittal to Court of Appeal",
        text="""
The attorney general has asked the Court of Appeal to clarify the law on public
nuisance after a jury acquitted six climate protesters who climbed motorway
gantries, a move campaigners described as an attack on trial by jury.

The reference will not affect the acquittals, which cannot be overturned, but
could lead to new guidance for judges on what defendants in protest cases may
tell juries about their motives and beliefs.

{background:3}

In a statement, the attorney general's office said the case raised "a point of
law of general public importance" about the defences available to people who
deliberately cause serious disruption.

"The jury heard the evidence and made its decision. Trying to change the rules
because the government dislikes the outcome is deeply troubling," said the
director of a civil liberties group.

One of the six, Margaret Ellison, 71, said she was not surprised. "They lost in
front of twelve ordinary people, so now they want to change what those people
are allowed to hear," she said.
""",
    ),
]
