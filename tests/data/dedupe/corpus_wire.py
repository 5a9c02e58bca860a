"""Base articles, part 1: English news-agency stories (see build.py).

Every base is a dict:

key         stable name, used by the other corpus modules to refer to it
site        where the original appeared; section: URL path segment
published   ISO 8601 UTC timestamp of the original
title       the original headline
dateline    prefix a republishing outlet puts in front of the first paragraph
text        paragraphs separated by blank lines; line breaks inside a
            paragraph are only source formatting
credit      agency credit line the original ends with (republishers may drop it)
titles      other headlines outlets gave the same story
edits       small (old, new) wording changes a republisher might make
insert      (paragraph index, sentence) a republisher might append
update      what a later update of the article adds and changes
recipes     which "same" pairs to derive from this base (build.py)

All events, people, quotes and figures are fictional.
"""

from typing import Any

BASES: list[dict[str, Any]] = [
    dict(
        key="cop31-adaptation",
        site="wire.example",
        section="world/climate",
        published="2026-11-17T14:20:00Z",
        title="Negotiators at COP31 agree draft on tripling adaptation finance, "
        "poorer nations say it falls short",
        dateline="ANTALYA, Turkey (Wire) — ",
        text="""
Negotiators at the COP31 climate summit agreed a draft text on Tuesday that
would commit wealthy countries to triple finance for climate adaptation by
2030, but a bloc of small island states said the wording left too many
loopholes to count as a breakthrough.

The draft, released shortly after midnight following two days of closed-door
talks, sets a goal of mobilising at least $120 billion a year for adaptation
from public sources by the end of the decade, up from roughly $40 billion in
2025. It does not specify how the burden would be shared between donor
governments.

"This is a floor, not a ceiling, and we will hold every government in this
room to it," said Marisol Ventura, the summit's lead negotiator on adaptation.
"For the first time we have a number that is linked to what vulnerable
communities actually need."

The Alliance of Small Island States said it would not block the text but
wanted a firm timeline for disbursement. "A promise without a delivery date is
not finance, it is a press release," said Tevita Lolohea, the group's chief
negotiator.

Adaptation finance covers projects such as sea walls, drought-resistant crops
and early-warning systems, which tend to attract less private investment than
renewable energy because they rarely generate a financial return. Developing
countries have long complained that the bulk of climate finance goes to
cutting emissions rather than to helping people cope with impacts that are
already being felt.

Several European delegations signalled support for the draft, while the United
States delegation declined to comment on the figure. Observers said the text
could still be weakened before it goes to ministers for final approval later
in the week.

The two-week summit is scheduled to close on Friday, although climate talks
have frequently run over into the weekend as negotiators haggle over final
wording.
""",
        credit="(Reporting by Daniel Okafor; Editing by Helen Marsh)",
        titles=[
            "Climate summit draft would triple adaptation cash by 2030",
            "COP31: small island states say adaptation deal 'falls short'",
            "Rich nations asked to triple adaptation finance in new COP31 text",
        ],
        edits=[
            ("agreed a draft text on Tuesday", "agreed a draft text early on Tuesday"),
            ("roughly $40 billion", "about $40 billion"),
            ("signalled support for", "backed"),
            ("haggle over final", "argue over the final"),
        ],
        insert=(
            1,
            "It would be the first quantified adaptation goal in the history of "
            "the UN climate process.",
        ),
        update=dict(
            hours=50,
            title="UPDATE 1-COP31 ministers back draft on tripling adaptation finance",
            top=[
                "Ministers at the COP31 summit on Thursday endorsed a draft text on "
                "adaptation finance with only minor changes, clearing the way for it to "
                "be included in the summit's final decision, delegates said.",
                "The endorsement came after two large emitters dropped their objections "
                "to a clause that would review the goal in 2028, according to two "
                "negotiators who asked not to be named because the talks were private. "
                "Small island states said they had secured a commitment to a "
                "disbursement report every two years.",
            ],
            drop_last=1,
            bottom=[
                "The version endorsed by ministers also asks the UN climate secretariat "
                "to publish an annual report tracking adaptation flows country by "
                "country, a demand pushed by the African Group of Negotiators, which "
                "said donors had in the past counted loans and private money twice.",
                'Campaigners gave the text a cautious welcome. "The number is finally '
                "on paper, but the fine print still lets donors count loans at face "
                'value," said Ananya Rao, a climate finance researcher who followed '
                "the talks as an observer.",
                "Ministers were still divided late on Thursday over language on a "
                "transition away from fossil fuels, which several oil-producing "
                "countries wanted removed from the final decision. The summit "
                "presidency said it would publish a new draft of that text on Friday "
                "morning.",
            ],
            edits=[
                ("Negotiators at the COP31 climate summit agreed", "Negotiators had agreed"),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="mozambique-municipal",
        site="newsagency.example",
        section="africa",
        published="2026-11-03T18:40:00Z",
        title="Mozambique opposition rejects provisional municipal results, alleges "
        "ballot stuffing",
        dateline="MAPUTO (NPA) — ",
        text="""
Mozambique's main opposition party on Tuesday rejected provisional results from
last week's municipal elections, which gave the ruling party control of 58 of
the country's 65 municipalities, and said it had evidence of ballot stuffing in
at least nine cities.

The National Elections Commission (CNE) announced the figures late on Monday
after a count that took six days, longer than in previous local polls. Turnout
was put at 41 percent.

"We will not accept results that were manufactured in the back rooms of
district tabulation centres," said Jacinto Mabunda, secretary-general of the
opposition Democratic Renewal Movement, at a news conference in Maputo. "We
have the copies of the polling station records, and they tell a different
story."

The commission's spokesperson, Ana Cossa, said complaints would be examined by
the Constitutional Council, which must validate the results within 30 days.
"The commission has done its work transparently, and any party with evidence
of irregularities should present it through the proper channels," she said.

Observers from a coalition of local civil society groups said voting was
largely peaceful but reported that party agents had been expelled from counting
rooms in several districts of Nampula and Quelimane, and that results sheets in
some places had been altered.

Mozambique's previous municipal elections, in 2023, were followed by weeks of
protests in which several people were killed, and the disputed 2024 general
election triggered the worst unrest in decades, with rights groups saying more
than 300 people died in a police crackdown.

Police said on Tuesday they had increased patrols in Maputo, Matola and Beira
as a precaution. The opposition said it would announce "peaceful actions" later
in the week.
""",
        credit="(Reporting by Tomás Nhantumbo; Editing by Claire Fellows)",
        titles=[
            "Mozambique opposition cries foul over local election count",
            "Ruling party wins 58 of 65 towns in Mozambique vote, opposition rejects result",
            "Mozambique: opposition alleges ballot stuffing in municipal polls",
        ],
        edits=[
            ("on Tuesday rejected provisional results", "rejected provisional results"),
            ("late on Monday", "on Monday night"),
            ("was largely peaceful", "was mostly calm"),
            ("as a precaution", "as a precautionary measure"),
        ],
        insert=(4, "The coalition deployed more than 2,000 observers across the country."),
        update=dict(
            hours=20,
            title="Police fire tear gas as Mozambique opposition rejects local vote results",
            top=[
                "Police fired tear gas to disperse several hundred opposition "
                "supporters who gathered outside the elections commission's offices in "
                "Maputo on Wednesday, witnesses said. There were no immediate reports "
                "of injuries.",
                "The protest came a day after the opposition rejected the provisional "
                "results of the municipal elections.",
            ],
            bottom=[],
            drop_last=1,
            edits=[
                (
                    "Mozambique's main opposition party on Tuesday rejected",
                    "Mozambique's main opposition party had on Tuesday rejected",
                ),
                (
                    "The opposition said it would announce",
                    "The opposition had said it would announce",
                ),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="echr-budapest-bridge",
        site="wire.example",
        section="world/europe",
        published="2026-11-05T11:05:00Z",
        title="European rights court rules Hungary violated rights of detained climate activists",
        dateline="STRASBOURG (Wire) — ",
        text="""
The European Court of Human Rights ruled on Thursday that Hungary violated the
rights of 14 climate activists who were detained for up to 36 hours after
blocking a bridge in Budapest in 2023, and ordered the state to pay each of
them 7,500 euros in damages.

In a unanimous judgment, a seven-judge chamber found that the arrests breached
Article 5 of the European Convention on Human Rights, which protects liberty,
and Article 11, which guarantees freedom of peaceful assembly.

"The Court is not persuaded that the applicants' conduct, although it caused
disruption to traffic for a little over two hours, presented a danger to
public order capable of justifying deprivation of liberty for such a period,"
the judges wrote. "Peaceful demonstrators must not be made to fear that their
participation in an assembly will expose them to detention as a matter of
course, since such a fear may have a chilling effect on the exercise of the
freedom of assembly as a whole."

The activists, members of the group Last Chance Danube, had glued themselves
to the roadway of the Elisabeth Bridge during the morning rush hour. Police
removed them within two hours but held them overnight, citing the risk that
they would return to the bridge.

Hungary, which has three months to ask for the case to be referred to the
court's Grand Chamber, did not immediately respond. A justice ministry
spokesperson said in 2024 that the detentions had been "lawful and
proportionate".

Lawyers for the activists welcomed the ruling. "Today's judgment sends a clear
message across Europe that climate protest is protected speech," said Réka
Halmi, who represented eight of the applicants.

The case is one of several pending before the Strasbourg court concerning the
policing of climate demonstrations, including complaints against Germany, Italy
and the United Kingdom.
""",
        credit="(Reporting by Sophie Lambert; Editing by Peter Graff)",
        titles=[
            "Rights court says Hungary wrongly detained climate activists",
            "European judges award damages to Budapest bridge protesters",
            "Strasbourg court: overnight detention of climate protesters breached convention",
        ],
        edits=[
            ("ruled on Thursday that", "ruled that"),
            ("did not immediately respond", "did not immediately respond to a request for comment"),
            ("welcomed the ruling", "hailed the ruling"),
            ("one of several pending before", "one of several awaiting a decision at"),
        ],
        insert=(
            3,
            "The bridge is one of the main routes across the Danube in the Hungarian capital.",
        ),
        recipes=["wire_edit", "trimmed", "headline"],
    ),
    dict(
        key="libya-shipwreck",
        site="wire.example",
        section="world/europe",
        published="2026-11-08T16:30:00Z",
        title="Dozens missing after migrant boat capsizes off Libya, UN agencies say",
        dateline="ROME (Wire) — ",
        text="""
At least 41 people are missing and feared dead after an overcrowded rubber
boat capsized off the coast of Libya on Saturday, the UN migration and refugee
agencies said, in the latest deadly shipwreck on the central Mediterranean
route.

Seven survivors were rescued by a merchant vessel and taken to the Italian
island of Lampedusa, where they told aid workers that the boat had left the
Libyan town of Zuwara on Thursday night with about 50 people on board,
including at least six children.

"The survivors described how the boat began taking on water after a few hours
and how people fell into the sea one after another during the night," said
Chiara Bellini, a spokesperson for the International Organization for
Migration (IOM) in Rome.

The survivors, from Sudan, Eritrea and Bangladesh, were in a state of shock and
were receiving medical and psychological care, she said.

The central Mediterranean route between North Africa and Italy is the deadliest
known migration route in the world. More than 24,000 people have died or gone
missing there since 2014, according to IOM's Missing Migrants Project, and aid
groups say the true figure is likely to be much higher because many shipwrecks
leave no witnesses.

Charity rescue ships have accused Italian authorities of hampering their work
by assigning them distant ports to disembark survivors, which keeps them away
from the search area for days. The Italian government says the policy spreads
the reception burden across the country.

Arrivals to Italy by sea have fallen compared with 2023, but departures from
eastern Libya towards Crete and from western Libya towards Lampedusa have
continued throughout the autumn despite worsening weather.
""",
        credit="(Reporting by Giulia Ferrante; Editing by Mark Holloway)",
        titles=[
            "41 feared dead in shipwreck off Libya",
            "Migrant boat sinks off Zuwara, seven survivors reach Lampedusa",
            "Shipwreck survivors describe night at sea as dozens remain missing",
        ],
        edits=[
            (
                "capsized off the coast of Libya on Saturday",
                "capsized off the coast of Libya at the weekend",
            ),
            ("overcrowded rubber boat", "overcrowded dinghy"),
            ("were in a state of shock", "were in shock"),
            ("throughout the autumn", "through the autumn"),
        ],
        insert=(1, "The ship's crew spotted them clinging to the remains of the hull."),
        update=dict(
            hours=5,
            title="Bodies recovered after migrant shipwreck off Libya; dozens still missing",
            top=[
                "The Italian coastguard said on Sunday it had recovered the bodies of "
                "three people, including a child, near the site of the shipwreck, while "
                "the search for the others continued with the help of a surveillance "
                "aircraft from the EU border agency Frontex.",
                "Survivors interviewed by aid workers said the passengers included a "
                "pregnant woman and several unaccompanied teenagers from Sudan. IOM "
                "said it was working with Sudanese community groups in Italy to "
                "identify the dead and contact their families.",
            ],
            bottom=[
                "Italy's interior ministry said on Sunday that more than 1,100 people "
                "had reached Lampedusa since the start of the month and that the "
                "island's reception centre was holding about three times its capacity. "
                "Transfers of survivors and other arrivals to Sicily were under way.",
            ],
            drop_last=1,
            edits=[
                (
                    "At least 41 people are missing and feared dead",
                    "At least 38 people remain missing",
                ),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="belarus-journalist-border",
        site="newsagency.example",
        section="europe",
        published="2026-11-10T07:50:00Z",
        title="Belarus detains Lithuania-based journalist at border, seizes equipment",
        dateline="VILNIUS (NPA) — ",
        text="""
Belarusian border guards detained a Lithuania-based Belarusian journalist as
she tried to enter the country on Sunday to visit her sick mother, and seized
her laptop, phones and cameras, her employer and a press freedom group said.

Volha Radzevich, 34, a reporter for the exile news outlet Vilnia Media, was
stopped at the Kamenny Log crossing and taken to a police station in Ashmyany,
the outlet said in a statement. Her lawyer has not been allowed to see her.

"Volha is a journalist, not a criminal. She went home to see her mother, and
she should be allowed to go back to her family in Vilnius immediately," said
Siarhei Pauliuk, the outlet's editor-in-chief.

Belarusian authorities did not comment. State television on Monday showed
footage of what it described as "extremist materials" found on her devices.

Belarus has designated dozens of independent media outlets as "extremist"
since the mass protests that followed the disputed 2020 presidential election.
Working for or sharing content from such outlets can be punished by up to seven
years in prison, and the Belarusian Association of Journalists says more than
30 media workers are currently behind bars.

The Committee for Free Press, an international watchdog, called for her
release and urged the European Union to raise the case with Minsk. "Every
journalist who crosses that border is now taking a gamble with their freedom,"
the group's Europe director, Marta Kowal, said.

Lithuania's foreign ministry said it was following the case closely, although
Radzevich does not hold Lithuanian citizenship and consular access is
therefore not guaranteed.
""",
        credit="(Reporting by Andrius Balčiūnas; Editing by Ruth Pitchford)",
        titles=[
            "Exiled Belarusian reporter detained while visiting sick mother",
            "Press freedom group demands release of journalist held at Belarus border",
            "Belarus: Vilnia Media reporter held, devices seized at Kamenny Log crossing",
        ],
        edits=[
            ("on Sunday to visit her sick mother", "on Sunday to see her sick mother"),
            ("did not comment", "did not respond to requests for comment"),
            ("following the case closely", "monitoring the case"),
        ],
        insert=(3, "The footage did not show the materials themselves."),
        recipes=["wire_edit", "trimmed", "headline"],
    ),
    dict(
        key="egypt-hunger-strike",
        site="wire.example",
        section="world/middle-east",
        published="2026-11-12T13:10:00Z",
        title="Jailed Egyptian activist's hunger strike enters 30th day, family says",
        dateline="CAIRO (Wire) — ",
        text="""
An Egyptian activist jailed for more than five years has been on hunger strike
for 30 days and has lost 14 kilogrammes, his family said on Thursday, urging
the authorities to allow an independent doctor to visit him.

Karim Nassar, 41, a software engineer and founder of a prisoners' support
network, began refusing food on Oct. 13 to protest against the renewal of his
pre-trial detention, which has been extended repeatedly since his arrest in
2021. He is taking only water, salt and sugar, his sister Salma told reporters.

"Karim has spent more than five years in a cell without ever being convicted of
anything. He is not asking for favours, he is asking for the law to be
applied," Salma Nassar said. "We are terrified that we will get a phone call
telling us it is too late."

Egypt's Interior Ministry did not respond to a request for comment. The
state-affiliated National Council for Human Rights said last week it had been
told that Nassar was in "stable health" and under medical supervision.

Egyptian law limits pre-trial detention to two years, but rights groups say
prosecutors routinely get around the cap by adding detainees to new cases on
similar charges, a practice known as "rotation". Tens of thousands of people
are estimated to have been detained for political reasons since 2013.

Several Western governments have raised Nassar's case with Cairo, his family
said, and more than 100 academics signed an open letter last week calling for
his release.
""",
        credit="(Reporting by Yasmine Fawzy; Editing by William Maclean)",
        titles=[
            "Family fears for Egyptian activist a month into hunger strike",
            "Karim Nassar has lost 14 kg on hunger strike, sister says",
            "Egypt urged to let independent doctor see hunger-striking detainee",
        ],
        edits=[
            ("his family said on Thursday", "his family said"),
            ("told reporters", "told journalists"),
            ("did not respond to a request for comment", "could not be reached for comment"),
            ("more than 100 academics", "over 100 academics"),
        ],
        insert=(4, "Nassar has been added to three separate cases since 2021."),
        update=dict(
            hours=8,
            title="UPDATE 1-Egyptian prosecutors say hunger-striking activist receiving care",
            top=[],
            bottom=[
                "Late on Thursday, the public prosecutor's office said in a statement "
                'that Nassar was receiving "all necessary care" in the prison hospital '
                'and that his continued detention was "in accordance with the law". It '
                "did not address the family's request for an independent doctor.",
                "The statement added that prosecutors had ordered a medical report on "
                "his condition, to be submitted within a week.",
            ],
            edits=[
                ("has lost 14 kilogrammes", "has lost about 14 kilogrammes"),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="south-america-heat",
        site="wire.example",
        section="world/climate",
        published="2026-11-19T10:00:00Z",
        title="Record November heat grips South America, UN weather agency warns",
        dateline="GENEVA (Wire) — ",
        text="""
An unusually early and intense heatwave has broken temperature records in parts
of Brazil, Paraguay, Bolivia and Argentina, the World Meteorological
Organization said on Thursday, warning that the heat was likely to persist into
next week.

Temperatures reached 44.2 degrees Celsius in the Paraguayan town of Filadelfia
on Wednesday, a national record for November, while several weather stations
in Brazil's Mato Grosso do Sul state logged readings above 43C.

"What we are seeing in South America is the kind of heat that used to be
exceptional in January arriving in the middle of spring," WMO spokesperson
Anders Lindqvist told a briefing in Geneva. "Heatwaves are silent killers, and
early warnings and heat action plans save lives."

The agency said the heat was being driven by a persistent high-pressure system
and that climate change was making such episodes more frequent and more
intense. Drought has already lowered water levels on the Paraguay and Paraná
rivers, disrupting barge traffic that carries soy and grain to ports on the
Atlantic.

Health authorities in São Paulo and Asunción issued alerts urging people to
avoid outdoor activity in the afternoon and to check on elderly neighbours.
Schools in several Paraguayan departments moved to shorter hours.

The WMO said 2026 was on track to be among the three warmest years on record
globally, despite the cooling influence of La Niña conditions in the Pacific
earlier in the year.
""",
        credit="(Reporting by Emma Farge; Editing by Alison Williams)",
        titles=[
            "Paraguay sets November heat record as WMO warns of more to come",
            "'Heatwaves are silent killers': UN agency on South America's early heat",
            "South America swelters in record spring heatwave",
        ],
        edits=[
            ("said on Thursday", "said"),
            ("logged readings above 43C", "recorded more than 43C"),
            ("check on elderly neighbours", "look in on elderly neighbours"),
        ],
        insert=(1, "The previous national record for the month was 42.8C."),
        recipes=["wire_edit", "trimmed", "headline"],
    ),
    dict(
        key="kenya-surveillance-ruling",
        site="newsagency.example",
        section="africa",
        published="2026-11-20T15:25:00Z",
        title="Kenya's Supreme Court strikes down warrantless phone interception powers",
        dateline="NAIROBI (NPA) — ",
        text="""
Kenya's Supreme Court on Friday struck down provisions of a 2025 law that
allowed security agencies to intercept phone calls and messages without a court
warrant, ruling that they violated the constitutional right to privacy.

In a five-to-two majority decision, the judges said the Security Laws
(Communications) Amendment Act gave the National Intelligence Service and the
police "unfettered discretion" with no independent oversight.

"A power to listen to the private conversations of any citizen, exercised in
secret and answerable to no court, is incompatible with a democratic society
founded on the rule of law," Justice Wanjiru Mbugua wrote for the majority.

Two judges dissented, saying Parliament had been entitled to balance privacy
against the threat posed by militant groups operating near the Somali border.

The case was brought by the Law Society of Kenya and two digital rights groups
after reports that activists involved in anti-government protests in 2024 and
2025 had been tracked through their phones before being abducted.

The Attorney General's office said it would study the judgment. "The
government respects the court and will be guided by its decision," a
spokesperson, Daniel Kiprotich, said.

Dozens of activists gathered outside the Supreme Court building in Nairobi
after the ruling, some holding placards reading "My phone is not your
informer". Lawyers said the judgment would also affect pending prosecutions
that relied on intercepted communications.
""",
        credit="(Reporting by Kevin Otieno; Editing by Ayenat Mersie)",
        titles=[
            "Kenyan top court rules phone tapping without warrant unconstitutional",
            "Kenya court curbs spy agency's interception powers",
            "Supreme Court: Kenya surveillance law violates right to privacy",
        ],
        edits=[
            ("on Friday struck down", "struck down"),
            ("gathered outside the Supreme Court building", "gathered outside the court"),
            ("would study the judgment", "was studying the judgment"),
        ],
        insert=(4, "The government had denied any role in the abductions."),
        update=dict(
            hours=6,
            title="Kenya's top court strikes down warrantless interception; government "
            "says it will draft new law",
            top=[],
            bottom=[
                "Late on Friday, Interior Minister Grace Wekesa said the government "
                "would present a new bill to Parliament within three months that would "
                "require a judge's authorisation for all interceptions. \"We will comply "
                'with the judgment, but we will not leave our security agencies blind," '
                "she said in a televised statement.",
                "Digital rights groups said they would study any new bill closely and "
                "called for a public inventory of the surveillance equipment bought by "
                "the state since 2020.",
            ],
            drop_last=1,
            edits=[
                (
                    "The Attorney General's office said it would study the judgment.",
                    "The Attorney General's office said earlier it would study the judgment.",
                ),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="kazakhstan-ngo-law",
        site="wire.example",
        section="world/asia",
        published="2026-11-04T12:00:00Z",
        title="Kazakhstan's parliament passes law tightening controls on foreign-funded NGOs",
        dateline="ALMATY (Wire) — ",
        text="""
Kazakhstan's lower house of parliament on Wednesday passed a bill requiring
non-governmental organisations that receive money from abroad to register in a
public database and submit quarterly reports on their spending, a move rights
groups said would stifle civil society.

The bill, approved by 79 votes to 6, also allows the justice ministry to
suspend for up to six months any organisation that fails to report, and to ban
foreign-funded groups from "activities of a political nature", a term it does
not define.

"This law is about transparency, not about punishing anyone. Citizens have the
right to know who is financing organisations that seek to influence public
policy," the bill's sponsor, deputy Yerlan Abenov, told the chamber.

Opponents said the law copied legislation adopted in Russia and other former
Soviet states. "Once you put this label on us, our partners, our volunteers and
even our landlords start to be afraid," said Aigerim Sadykova, director of an
Almaty-based legal aid centre that receives European Union funding.

Kazakhstan already maintains a registry of organisations receiving foreign
funding, created in 2016, but until now inclusion carried few practical
consequences. The new law would expand the definition of foreign funding to
include grants channelled through domestic intermediaries and payments for
services from international bodies.

The bill now goes to the Senate, the upper house, and would then need to be
signed by the president, who has not publicly commented on it.

The EU delegation in Astana said it was "concerned" about the law's
compatibility with Kazakhstan's international commitments on freedom of
association and urged senators to consult civil society before voting.
""",
        credit="(Reporting by Olzhas Auyezov; Editing by Gareth Jones)",
        titles=[
            "Kazakh lawmakers back foreign funding rules for NGOs",
            "Kazakhstan moves to tighten grip on foreign-funded groups",
            "Rights groups fear 'foreign agent' style law in Kazakhstan",
        ],
        edits=[
            ("on Wednesday passed", "passed"),
            ("a move rights groups said would stifle", "a move rights groups warned would stifle"),
            ("has not publicly commented on it", "has not commented publicly"),
        ],
        insert=(1, "Three deputies abstained."),
        update=dict(
            hours=5,
            title="UPDATE 1-Kazakhstan lower house passes NGO funding law; UN rights "
            "office voices concern",
            top=[],
            bottom=[
                "In Geneva, a spokesperson for the UN human rights office said the law "
                'risked "stigmatising legitimate civil society work" and urged the '
                "Senate to bring it into line with international standards before "
                "adopting it.",
            ],
            edits=[
                (
                    "urged senators to consult civil society before voting",
                    "urged senators to consult civil society groups before the vote",
                ),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="poland-pushbacks",
        site="newsagency.example",
        section="europe",
        published="2026-11-06T09:30:00Z",
        title="Aid groups document 300 pushbacks on Poland-Belarus border in three months",
        dateline="WARSAW (NPA) — ",
        text="""
Polish border guards forcibly returned at least 300 people to Belarus between
August and October without allowing them to apply for asylum, including
families with young children and people with serious injuries, a coalition of
aid groups said in a report on Friday.

The Border Witness Network said its volunteers had collected testimonies from
people found in the forests along the border who said they had been driven back
to the fence in border guard vans, sometimes at night and after being stripped
of their phones.

"We met a woman with a broken ankle who had been pushed back across the fence
three times in one week. Nobody asked her name, nobody asked why she had come,"
said Karolina Wrzos, one of the report's authors.

The Polish Border Guard rejected the findings. "The Border Guard acts in
accordance with Polish and European law and protects the external border of
the European Union against migration pressure organised by the Belarusian and
Russian services," spokesperson Tomasz Lis said.

Poland built a steel fence along 186 km of its border with Belarus in 2022 and
in 2025 temporarily suspended the right to apply for asylum for people crossing
irregularly from Belarus, a measure the government says is needed to counter
what it calls a hybrid attack by Minsk and Moscow.

A European Commission spokesperson said the Commission was "in contact with
the Polish authorities" and recalled that member states must respect the
principle of non-refoulement.

Aid groups say dozens of people have died in the forests and swamps on both
sides of the border since 2021, many of them from hypothermia.
""",
        credit="(Reporting by Pawel Florkiewicz; Editing by Alex Richardson)",
        titles=[
            "Report accuses Polish border guards of 300 illegal returns to Belarus",
            "Volunteers record pushbacks of families and injured people at Polish border",
            "Poland rejects aid groups' pushback report",
        ],
        edits=[
            ("said in a report on Friday", "said in a report"),
            ("rejected the findings", "dismissed the findings"),
            ("dozens of people have died", "dozens of migrants have died"),
        ],
        insert=(1, "The report is based on 212 interviews."),
        update=dict(
            hours=6,
            title="Aid groups document 300 pushbacks on Poland-Belarus border; Council "
            "of Europe commissioner seeks answers",
            top=[],
            bottom=[
                "Later on Friday, the Council of Europe's human rights commissioner "
                "said she had written to Poland's interior minister asking for "
                "information on the cases described in the report and on the "
                "safeguards applied by border guards.",
            ],
            edits=[
                ("spokesperson Tomasz Lis said", "spokesperson Tomasz Lis told NPA"),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="unsc-sudan-veto",
        site="wire.example",
        section="world/africa",
        published="2026-11-20T22:10:00Z",
        title="Russia vetoes UN Security Council resolution on aid access in Sudan",
        dateline="UNITED NATIONS (Wire) — ",
        text="""
Russia on Friday vetoed a UN Security Council resolution that would have
demanded that Sudan's warring parties open three humanitarian corridors into
Darfur and Kordofan, as aid agencies warned that famine was spreading.

Thirteen of the council's 15 members voted in favour of the British-drafted
text, which also called for a 30-day pause in fighting around the besieged
city of Dilling. China abstained.

"Today one member of this council chose to stand between starving children and
the food that is waiting for them at the border," Britain's deputy ambassador,
Eleanor Whitcombe, told the council after the vote.

Russia's deputy envoy, Andrei Zotov, said the text was unbalanced and would
have infringed Sudan's sovereignty by imposing arrangements that the government
in Port Sudan had not accepted. "Humanitarian aid must not become a pretext for
interference in the internal affairs of a sovereign state," he said.

The war between Sudan's army and the paramilitary Rapid Support Forces broke
out in April 2023. It has killed tens of thousands of people, forced around 12
million from their homes and created what the United Nations calls the world's
largest humanitarian crisis.

A UN-backed hunger monitor has confirmed famine conditions in parts of Darfur
and South Kordofan, and aid agencies say trucks carrying food have waited for
weeks at crossing points for permission to enter.

Britain said it would pursue other avenues, including the General Assembly,
which under a 2022 rule must hold a debate whenever a permanent member casts a
veto.
""",
        credit="(Reporting by Michelle Nichols; Editing by Sandra Maler)",
        titles=[
            "Russia blocks UN demand for Sudan aid corridors",
            "UN Security Council fails to adopt Sudan humanitarian resolution after Russian veto",
            "'Between starving children and food': UK condemns Russian veto on Sudan",
        ],
        edits=[
            ("on Friday vetoed", "vetoed"),
            ("told the council after the vote", "told the council"),
            ("forced around 12 million", "driven around 12 million"),
        ],
        insert=(1, "It was the second Russian veto on Sudan in two years."),
        update=dict(
            hours=4,
            title="UPDATE 2-Russia vetoes UN resolution on Sudan aid; WFP says convoys stuck",
            top=[],
            bottom=[
                "The World Food Programme said after the vote that 140 trucks carrying "
                "food for about 400,000 people were stranded at the Adre crossing on the "
                "border with Chad, some of them for more than a month.",
                '"Every day of delay means food that spoils and people who go hungry," '
                "WFP's regional director said in a statement.",
            ],
            edits=[
                ("Britain said it would pursue", "Britain said after the vote it would pursue"),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="australia-climate-target-case",
        site="wire.example",
        section="world/asia-pacific",
        published="2026-11-24T04:45:00Z",
        title="Australian court orders government to reconsider 2035 climate target",
        dateline="SYDNEY (Wire) — ",
        text="""
An Australian court on Tuesday ordered the federal government to reconsider its
2035 emissions reduction target, ruling that the environment minister had
failed to take into account the best available science when setting it, in a
case brought by a group of young Torres Strait Islanders.

Justice Margaret Ellery of the Federal Court found that the minister had relied
on modelling that assumed large future volumes of carbon offsets without
assessing whether they were realistic, and had not considered how the target
related to the Paris Agreement goal of limiting warming to 1.5 degrees Celsius.

"The question before the Court is not whether the target is too low, which is a
matter for the Parliament and the executive, but whether it was set lawfully.
The Court has found that it was not. The Minister was obliged to consider the
best available scientific evidence about the consequences of warming for the
applicants and others in their position, and to explain how the target related
to that evidence. That did not occur," Ellery said in a summary read out in
court.

The judge gave the government 12 months to make a fresh decision and declined
to order a specific target, which remains a 62-70% cut on 2005 levels until a
new one is set.

"We came to court because our islands are running out of time, and today the
court listened," said Lena Anau, 19, one of the applicants, from Saibai Island.

A spokesperson for the environment minister said the government was reviewing
the judgment and had not decided whether to appeal.

Lawyers said it was the first time an Australian court had found a national
emissions target unlawful, although courts in the Netherlands, Germany and
Belgium have issued rulings requiring governments to do more.
""",
        credit="(Reporting by Byron Kaye; Editing by Lincoln Feast)",
        titles=[
            "Torres Strait youth win challenge to Australia's 2035 climate target",
            "Court says Australian minister ignored science in setting emissions goal",
            "Australia given 12 months to remake 2035 target after court loss",
        ],
        edits=[
            ("on Tuesday ordered", "ordered"),
            ("was reviewing the judgment", "was studying the judgment"),
            ("Lawyers said it was", "Legal experts said it was"),
        ],
        insert=(
            3,
            "The government's lawyers had argued that the target was a policy "
            "choice not open to judicial review.",
        ),
        recipes=["wire_edit", "trimmed", "headline"],
    ),
    dict(
        key="tunisia-mass-trial",
        site="wire.example",
        section="world/africa",
        published="2026-11-11T15:40:00Z",
        title="Mass trial of 120 government critics opens in Tunisia",
        dateline="TUNIS (Wire) — ",
        text="""
The trial of 120 people including opposition politicians, lawyers, journalists
and businessmen accused of plotting against state security opened in Tunis on
Wednesday, with defence lawyers walking out in protest after the judge refused
to allow the defendants to attend in person.

Most of the 80 defendants held in detention followed the hearing by video link
from prison, a procedure introduced in 2025 that lawyers say violates the right
to a fair trial. About 40 others are being tried in absentia.

"A trial in which the accused cannot stand before their judges is not a trial,
it is a ceremony to announce a verdict that has already been written," defence
lawyer Samia Ben Slimane said outside the court.

Prosecutors accuse the defendants of forming a "terrorist group" and of having
contacts with foreign diplomats aimed at overthrowing the government. Some of
the charges carry sentences of up to life imprisonment.

Tunisia's president suspended parliament and began ruling by decree in July
2021, a move opponents called a coup. Since then, dozens of his critics have
been jailed under anti-terrorism and state security laws, and a 2022 decree on
"false news" has been used to prosecute journalists and social media users.

Relatives of the defendants gathered outside the courthouse holding pictures of
the detainees and chanting slogans calling for an independent judiciary.
Police kept journalists from entering the courtroom.

The court adjourned the hearing to Nov. 24.
""",
        credit="(Reporting by Tarek Amara; Editing by Andrew Cawthorne)",
        titles=[
            "Tunisia puts 120 critics on trial by video link, lawyers walk out",
            "Defence walks out as Tunisia's 'conspiracy' mass trial opens",
            "Tunisian opposition figures face mass trial on state security charges",
        ],
        edits=[
            ("opened in Tunis on Wednesday", "opened in Tunis"),
            ("said outside the court", "told reporters outside the court"),
            ("kept journalists from entering", "prevented journalists from entering"),
        ],
        insert=(5, "Many wore white ribbons."),
        recipes=["wire_edit", "trimmed", "headline"],
    ),
    dict(
        key="georgia-tv-licence",
        site="newsagency.example",
        section="europe",
        published="2026-11-12T11:15:00Z",
        title="Georgian regulator suspends licence of opposition-leaning TV channel",
        dateline="TBILISI (NPA) — ",
        text="""
Georgia's Communications Commission on Thursday suspended for three months the
broadcasting licence of Kanal 9, one of the last television channels critical
of the government, citing repeated violations of rules on "objectivity and
balance".

The suspension takes effect at midnight on Friday. The channel said it would
continue to stream its news programmes online and would challenge the decision
in court.

"They are not punishing Kanal 9 for breaking rules, they are punishing it for
showing the protests," the channel's director, Nino Gelashvili, told reporters
outside the commission's offices. "If we go off air, there will be no national
broadcaster left that the government does not control."

The commission's chairman, Levan Kiknadze, said the regulator applied the law
equally to all broadcasters "regardless of their editorial line", and that
Kanal 9 had been fined four times this year before the suspension.

Georgia has seen almost daily anti-government protests since November 2024,
when the ruling party said it would suspend talks on joining the European
Union. Parliament has since adopted laws on "foreign agents" and on
broadcasting standards that critics say are designed to silence independent
media.

The EU's foreign policy spokesperson said the suspension was "another step
away from the European path" and called on the authorities to reverse it.

Kanal 9 employs about 180 people. Its evening news programme was the most
watched in the country last month, according to a ratings agency.
""",
        credit="(Reporting by Lasha Chikhladze; Editing by Tom Balmforth)",
        titles=[
            "Georgia pulls critical TV channel off air for three months",
            "Kanal 9 licence suspended as Georgia tightens media rules",
            "'Punished for showing the protests': Georgian channel loses licence",
        ],
        edits=[
            ("on Thursday suspended for three months", "suspended for three months"),
            ("told reporters outside", "told journalists outside"),
            ("the most watched in the country last month", "the country's most watched last month"),
        ],
        insert=(1, "Its website and social media accounts are not affected."),
        update=dict(
            hours=9,
            title="Georgian TV channel to keep broadcasting online after licence "
            "suspension; EU protests",
            top=[
                "Several thousand people rallied outside the headquarters of Kanal 9 in "
                "Tbilisi on Thursday evening after the country's media regulator "
                "suspended the channel's licence, waving Georgian and EU flags.",
                "Police closed the avenue in front of the building to traffic. Speakers "
                "at the rally included opposition leaders and several of the channel's "
                "presenters, who said they would keep working without pay if necessary.",
            ],
            bottom=[
                "Late on Thursday, the channel said its website had been hit by a "
                "cyberattack that briefly took it offline, and that it had asked the "
                "police to investigate. The commission did not comment on the protest.",
            ],
            drop_last=1,
            edits=[
                (
                    "The suspension takes effect at midnight on Friday.",
                    "The suspension is due to take effect at midnight on Friday.",
                ),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="guinea-shutdown",
        site="wire.example",
        section="world/africa",
        published="2026-11-15T17:20:00Z",
        title="Internet cut across Guinea as polls close in legislative election, monitors say",
        dateline="CONAKRY (Wire) — ",
        text="""
Internet access was severely disrupted across Guinea on Sunday as polls closed
in the country's first legislative election since the 2021 coup, internet
monitoring groups said, as opposition parties accused the authorities of
trying to prevent independent tallies.

The connectivity observatory NetWatch said national internet traffic fell to
about 18 percent of ordinary levels from around 4 p.m., shortly before polling
stations were due to close, and had not recovered by the evening. Mobile data
appeared to be most affected.

"Cutting the internet at the very moment votes are being counted removes one of
the few ways citizens have to verify what is happening at their polling
station," said Ibrahima Sow, coordinator of a civil society observer mission
that deployed about 3,000 monitors.

The minister of posts and telecommunications said the disruption had been
caused by "a technical incident on a submarine cable" and that engineers were
working to restore service.

Several opposition parties boycotted the vote, saying the electoral calendar
had been set without consultation. Turnout figures were not immediately
available.

Guinea's military government has restricted access to social media several
times since taking power, including during protests in 2023 and 2024, and
rights groups have accused it of banning demonstrations and suspending
critical media outlets.
""",
        credit="(Reporting by Saliou Samb; Editing by Aidan Lewis)",
        titles=[
            "Guinea goes dark online as vote count begins",
            "Observers decry internet blackout in Guinea's legislative vote",
            "Guinea blames cable fault for internet outage on election day",
        ],
        edits=[
            ("on Sunday as polls closed", "on Sunday just as polls closed"),
            ("had not recovered by the evening", "had not recovered by nightfall"),
            ("were not immediately available", "were not yet available"),
        ],
        insert=(3, "The ministry did not say which cable was affected."),
        update=dict(
            hours=16,
            title="UPDATE 1-Guinea internet partly restored after election-day outage",
            top=[
                "Internet access was partly restored in Guinea on Monday morning, "
                "about 15 hours after a nationwide disruption that began as polls were "
                "closing in Sunday's legislative election, NetWatch said.",
                "Mobile data traffic was still running at about 60 percent of normal "
                "levels, and several social media platforms remained inaccessible "
                "without a virtual private network, the observatory added.",
            ],
            bottom=[
                "The electoral commission said on Monday that provisional results "
                "would be announced within 72 hours and put turnout at 49 percent.",
                "Opposition parties that took part in the vote said their agents had "
                "been unable to send polling station results to party headquarters "
                "during the outage, and called for recounts in several constituencies "
                "of Conakry.",
                "The African Union's observer mission said in a preliminary statement "
                "on Monday that voting had been orderly in most of the polling stations "
                'it visited, but that the outage had "seriously undermined the '
                'transparency of the results transmission process".',
                "A government spokesperson told state television that the cable "
                "operator had provided a technical report and that the outage had "
                '"no link whatsoever" with the election. He said the report would be '
                "made public.",
            ],
            edits=[
                (
                    "Turnout figures were not immediately available.",
                    "Turnout figures were not immediately available on Sunday.",
                ),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="samos-fire",
        site="newsagency.example",
        section="europe",
        published="2026-11-16T06:20:00Z",
        title="Fire sweeps through migrant reception centre on Greek island of Samos",
        dateline="ATHENS (NPA) — ",
        text="""
A fire swept through a migrant reception centre on the Greek island of Samos
overnight, forcing the evacuation of about 2,100 people and destroying dozens
of containers used as housing, fire brigade and migration ministry officials
said on Monday.

Nobody was killed, but five people, including two children, were treated in
hospital for smoke inhalation. The fire broke out shortly before midnight in
the eastern section of the camp and spread quickly in strong winds.

"People ran out with nothing, some of them barefoot, carrying their children.
Many have lost their documents," said Eleni Papadaki, a coordinator with an
aid group working on the island.

The cause of the fire was not immediately known. A migration ministry official
said police were investigating, and that residents who had lost their housing
would be moved to tents and to other parts of the centre.

Samos's closed controlled access centre, a fenced facility surrounded by
barbed wire and surveillance cameras, opened in 2021 to replace a sprawling
camp in the island's main town. It was funded by the European Union and
designed for about 2,000 people, but aid groups say it has regularly held more,
with residents complaining of poor access to water and medical care.

Arrivals on Samos and other eastern Aegean islands have risen this year,
although they remain far below the numbers seen in 2015 and 2016.
""",
        credit="(Reporting by Angeliki Koutantou; Editing by Janet Lawrence)",
        titles=[
            "Blaze forces 2,100 out of Samos migrant centre",
            "Samos camp fire: five treated for smoke inhalation, containers destroyed",
            "Greek island migrant centre hit by overnight fire",
        ],
        edits=[
            ("overnight, forcing the evacuation", "overnight, prompting the evacuation"),
            ("was not immediately known", "was not yet known"),
            ("have risen this year", "have increased this year"),
        ],
        insert=(1, "Firefighters brought the blaze under control by 3 a.m."),
        update=dict(
            hours=8,
            title="UPDATE 1-Greece sends tents and staff to Samos after migrant centre fire",
            top=[],
            bottom=[
                "The migration ministry said on Monday afternoon that it was sending "
                "300 tents, emergency supplies and additional medical staff to the "
                "island, and that unaccompanied children would be transferred to "
                "shelters on the mainland within days.",
                "The regional governor called for the centre to be moved away from "
                "the forested hillside where it was built.",
            ],
            drop_last=1,
            edits=[
                ("officials said on Monday", "officials said early on Monday"),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="vietnam-floods",
        site="wire.example",
        section="world/asia-pacific",
        published="2026-11-18T08:00:00Z",
        title="Floods and landslides kill 23 in central Vietnam",
        dateline="HANOI (Wire) — ",
        text="""
Floods and landslides triggered by days of torrential rain have killed at least
23 people in central Vietnam and left 11 missing, the government's disaster
management agency said on Wednesday, as rivers in several provinces rose to
record levels.

More than 60,000 homes were flooded in Quang Ngai, Hue and Quang Tri, and
about 25,000 people were evacuated to schools and government buildings, the
agency said. In Hue, the water in parts of the old city was more than a metre
deep.

Central Vietnam's narrow coastal plains and steep mountains make it especially
vulnerable during the rainy season, which runs from September to December.
Typhoons and tropical depressions regularly bring intense rain to the region,
and scientists say warmer seas are making extreme rainfall more frequent.

In the mountainous district of Tra Bong, a landslide buried four houses on
Tuesday night. Soldiers and police were digging through mud with shovels
because heavy machinery could not reach the area, state media reported.

"The rain has not stopped for five days. We moved everything upstairs, but now
the water is on the first floor too," said Nguyen Thi Lan, a shop owner in Hue,
by telephone.

Weather forecasters said heavy rain would continue until at least Friday, and
warned of flash floods in mountainous areas. Rail services between Hanoi and
Ho Chi Minh City were suspended after a section of track was washed away.
""",
        credit="(Reporting by Phuong Nguyen; Editing by Martin Petty)",
        titles=[
            "Vietnam flood toll rises to 23 as rivers hit record highs",
            "Central Vietnam deluged: 23 dead, 25,000 evacuated",
            "Landslides bury homes as Vietnam rains continue",
        ],
        edits=[
            ("said on Wednesday", "said"),
            ("were evacuated to schools", "were moved to schools"),
            ("would continue until at least Friday", "would last until at least Friday"),
        ],
        insert=(3, "Two of the victims were children."),
        recipes=["wire_edit", "trimmed", "headline"],
    ),
    dict(
        key="executions-report-wire",
        site="newsagency.example",
        section="world",
        published="2026-11-25T00:05:00Z",
        title="Executions worldwide hit highest level in a decade, rights group says",
        dateline="LONDON (NPA) — ",
        text="""
Executions around the world rose to their highest level in a decade in the 12
months to the end of September, driven by a sharp increase in drug-related
executions in a handful of countries, the human rights group Rights First
International said on Wednesday.

The London-based group said it had recorded at least 1,730 executions in 17
countries, up from 1,390 in the previous 12 months. The figure excludes China,
which is believed to execute thousands of people every year but treats the
data as a state secret.

Nearly 40 percent of recorded executions were for drug offences, which under
international law do not meet the threshold of the "most serious crimes" for
which the death penalty may be imposed, the group said.

"A small group of states is carrying out executions at a pace we have not seen
in years, and too many of the people being hanged are poor, foreign or from
minority communities," said Dr Nadia Farouk, the group's death penalty
adviser.

At the same time, the number of countries that carried out executions fell
slightly, and two more countries abolished the death penalty for all crimes
during the period, the report said.

The group called on governments that still use capital punishment to establish
an official moratorium on executions and to publish full data on death
sentences.
""",
        credit="(Reporting by Emma Hollis; Editing by Ros Russell)",
        titles=[
            "Global executions at 10-year high, driven by drug cases",
            "Rights group records 1,730 executions, excluding China",
            "Death penalty: drug-related executions push global toll to decade high",
        ],
        edits=[
            ("said on Wednesday", "said"),
            ("up from 1,390", "compared with 1,390"),
            ("fell slightly", "dipped slightly"),
        ],
        insert=(1, "The group relies on official figures, court records and media reports."),
        recipes=["wire_edit", "trimmed"],
    ),
]
