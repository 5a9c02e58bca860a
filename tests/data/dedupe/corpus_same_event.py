"""Hard negatives, part 1: other outlets' OWN reports of the same event.

Each group lists the reports of one announcement or event: a base article
(by key, from the corpus_* base modules) and reports written independently
by other outlets.  Every pair inside a group becomes a ``same_event`` pair.
The reports share the facts and at least one verbatim quoted sentence with
each other, because that is what real coverage of the same press
conference, ruling or statement looks like, but their own wording is
different: they are different articles and must never be merged.  build.py
checks that every pair really shares a quoted sentence.

A few groups (the Strasbourg and Australian rulings, the Myanmar briefing)
quote a long passage, which pushes shingle overlap up to where a naive
threshold would merge them.  All events, people and quotes are fictional.
"""

from typing import Any

GROUPS: list[dict[str, Any]] = [
    dict(
        event="cop31-adaptation",
        members=[
            "cop31-adaptation",
            dict(
                site="dailypaper.example",
                section="environment",
                published="2026-11-17T19:05:00Z",
                title="Rich countries told to find $120bn a year to help poor nations "
                "adapt to climate chaos",
                text="""
Wealthy nations would have to find at least $120bn (£91bn) a year by 2030 to help
poorer countries protect themselves from floods, droughts and rising seas, under
a draft deal published overnight at the UN climate talks in Antalya.

The figure, roughly three times what donors currently provide for adaptation,
emerged after two days of negotiations behind closed doors and was greeted with
cautious relief by many delegations from the global south.

Marisol Ventura, who has steered the adaptation talks for the summit
presidency, said the target should be seen as a starting point. "This is a
floor, not a ceiling, and we will hold every government in this room to it," she
said.

But island nations, whose very existence is threatened by sea-level rise, were
unimpressed by the absence of a timetable. Their lead negotiator, Tevita
Lolohea of Tonga, said: "A promise without a delivery date is not finance, it is
a press release."

Campaigners point out that adaptation has long been the poor relation of
climate finance. Money flows more easily to solar farms and wind turbines,
which can turn a profit, than to sea defences and flood warnings, which cannot.

The text still has to survive scrutiny by ministers, who arrive for the final
stretch of the summit this week, and several negotiators warned that some
countries were already pushing to water down the wording.
""",
            ),
            dict(
                site="globalpost.example",
                section="climate",
                published="2026-11-17T16:40:00Z",
                title="COP31 adaptation draft: what the $120 billion target means, and "
                "what it leaves out",
                text="""
After 48 hours of closed-door talks, negotiators in Antalya produced the first
draft of a new global goal on adaptation finance in the early hours of Tuesday.
Here is what it says.

The headline number is $120 billion a year by 2030, to come from public budgets
in developed countries. That compares with an estimated $40 billion in 2025, so
donors would need to roughly triple their contributions in five years.

What the draft does not say is who pays what. There is no formula for splitting
the bill among donor countries, and no date by which the money must actually be
disbursed, a gap that small island states were quick to highlight.

"A promise without a delivery date is not finance, it is a press release,"
Tevita Lolohea, who negotiates for the Alliance of Small Island States, told
reporters in the conference centre.

The summit presidency presented the text as a turning point. Its adaptation
lead, Marisol Ventura, argued that for the first time the goal was tied to an
estimate of what vulnerable communities need rather than to what donors were
willing to offer.

The US delegation has not commented on the number. Ministers are due to take up
the text on Thursday, and the summit is formally scheduled to end on Friday.
""",
            ),
        ],
    ),
    dict(
        event="mozambique-municipal",
        members=[
            "mozambique-municipal",
            dict(
                site="moznews.example",
                section="politics",
                published="2026-11-03T13:20:00Z",
                title="MDR says it will not accept 'manufactured' municipal results",
                text="""
The Democratic Renewal Movement (MDR) has rejected the provisional results of
the 2026 municipal elections announced by the National Elections Commission on
Monday night, accusing the ruling party of inflating its vote in at least nine
cities.

According to the CNE, the ruling party won 58 of the 65 municipal assemblies at
stake, with the opposition taking five and two going to local civic movements.
Turnout was 41%.

Speaking at the party's headquarters in Maputo on Tuesday morning, MDR
secretary-general Jacinto Mabunda held up what he said were copies of polling
station results sheets from Nampula, Quelimane and Nacala. "We will not accept
results that were manufactured in the back rooms of district tabulation
centres," he said.

Mabunda said the party would file complaints with the district courts and the
Constitutional Council and would announce further steps later in the week. He
did not rule out street protests.

CNE spokesperson Ana Cossa rejected the accusations. "The commission has done
its work transparently, and any party with evidence of irregularities should
present it through the proper channels," she told reporters.

The civil society platform that observed the elections has yet to publish its
final report, but its preliminary statement noted incidents in which party
delegates were removed from counting rooms.
""",
            ),
            dict(
                site="africareport.example",
                section="southern-africa",
                published="2026-11-04T08:10:00Z",
                title="Mozambique: ruling party sweeps local elections as opposition alleges fraud",
                text="""
Mozambique's ruling party has won control of all but seven of the country's 65
municipalities, according to provisional figures, in an election the main
opposition party says was rigged.

The National Elections Commission took six days to announce the count, longer
than in previous local elections, and put turnout at 41 percent, a figure
observers said reflected widespread disillusionment after the violence that
followed the 2024 general election.

The Democratic Renewal Movement said it had gathered evidence of ballot
stuffing in nine cities, including the northern port of Nacala and the
provincial capital Quelimane. Commission spokesperson Ana Cossa said: "The
commission has done its work transparently, and any party with evidence of
irregularities should present it through the proper channels."

Local observers reported that the vote itself was generally calm, but described
problems at the counting stage, when party agents were expelled from several
counting rooms and results sheets appeared to have been altered.

Security forces were deployed in larger numbers in Maputo, Matola and Beira,
where protests after earlier elections turned deadly. Analysts said the
Constitutional Council's ruling, due within a month, would be closely watched
by donors and investors alike.
""",
            ),
        ],
    ),
    dict(
        event="echr-budapest-bridge",
        members=[
            "echr-budapest-bridge",
            dict(
                site="europeobserver.example",
                section="justice",
                published="2026-11-05T15:30:00Z",
                title="Strasbourg rules Hungary's detention of bridge protesters unlawful",
                text="""
Hungary breached the European Convention on Human Rights when police held 14
climate activists for up to a day and a half after they blocked a Budapest
bridge in 2023, Strasbourg judges found unanimously on Thursday.

The judges' reasoning leaves little room for doubt. "The Court is not persuaded
that the applicants' conduct, although it caused disruption to traffic for a
little over two hours, presented a danger to public order capable of justifying
deprivation of liberty for such a period," they wrote. "Peaceful demonstrators
must not be made to fear that their participation in an assembly will expose
them to detention as a matter of course, since such a fear may have a chilling
effect on the exercise of the freedom of assembly as a whole."

Budapest must pay each applicant €7,500. Similar cases from Germany, Italy and
the UK are waiting on Strasbourg's docket.
""",
            ),
            dict(
                site="rightsmonitor.example",
                section="case-law",
                published="2026-11-06T09:00:00Z",
                title="ECtHR: Overnight detention of Budapest climate protesters violated "
                "Articles 5 and 11",
                text="""
In Last Chance Danube and Others v. Hungary, a Chamber of the European Court of
Human Rights unanimously held that there had been a violation of Article 5 § 1
(right to liberty and security) and of Article 11 (freedom of assembly and
association) of the Convention.

The 14 applicants were held for between 20 and 36 hours after a road-blocking
protest on the Elisabeth Bridge in 2023. "The Court is not persuaded that the
applicants' conduct, although it caused disruption to traffic for a little over
two hours, presented a danger to public order capable of justifying deprivation
of liberty for such a period," the judgment reads.

It continues: "Peaceful demonstrators must not be made to fear that their
participation in an assembly will expose them to detention as a matter of
course, since such a fear may have a chilling effect on the exercise of the
freedom of assembly as a whole."

Just satisfaction: EUR 7,500 to each applicant in respect of non-pecuniary
damage.

The judgment is not final (Article 43).
""",
            ),
        ],
    ),
    dict(
        event="south-america-heat",
        members=[
            "south-america-heat",
            dict(
                site="climatedesk.example",
                section="extreme-weather",
                published="2026-11-19T14:15:00Z",
                title="Paraguay hits 44.2C as early-season heatwave scorches South America",
                text="""
Paraguay recorded its highest-ever November temperature on Wednesday, 44.2C in
the Chaco town of Filadelfia, as a dome of high pressure parked over the heart
of South America pushed thermometers to levels normally reserved for the height
of summer.

Brazil, Bolivia and northern Argentina are also sweltering. In Mato Grosso do
Sul, several stations passed 43C, and Brazilian meteorologists expect little
relief before the middle of next week.

The World Meteorological Organization used its regular Geneva briefing on
Thursday to highlight the episode. "Heatwaves are silent killers, and early
warnings and heat action plans save lives," spokesperson Anders Lindqvist said,
urging governments in the region to activate their emergency plans.

The heat comes on top of a long drought. Low water on the Paraguay and Paraná
rivers has already forced barges to carry lighter loads, raising costs for soy
and corn exporters.

Scientists say the event fits a well-established pattern: as the planet warms,
heatwaves are arriving earlier in the season, lasting longer and peaking
higher. Rapid attribution studies of recent South American heatwaves have found
them to be many times more likely than they would have been in a pre-industrial
climate.
""",
            ),
            dict(
                site="eveningtribune.example",
                section="world",
                published="2026-11-19T18:30:00Z",
                title="Elderly urged to stay indoors as South America bakes in spring heatwave",
                text="""
Health officials in Paraguay and Brazil have told older people and young
children to stay indoors during the hottest hours of the day as an unseasonal
heatwave breaks records across the region.

In Asunción, the Paraguayan capital, the health ministry opened cooling centres
in community halls and shortened the school day in several departments. São
Paulo's city government issued its highest heat alert and asked residents to
keep an eye on elderly neighbours.

The UN weather agency warned the heat would continue. "What we are seeing in
South America is the kind of heat that used to be exceptional in January
arriving in the middle of spring," said Anders Lindqvist of the World
Meteorological Organization. "Heatwaves are silent killers, and early warnings
and heat action plans save lives."

Filadelfia, in Paraguay's arid Chaco region, reached 44.2C on Wednesday, the
country's hottest November day on record.

Doctors said hospitals had seen a rise in cases of dehydration and heatstroke,
especially among outdoor workers. Trade unions in Brazil called for
construction work to be halted in the afternoons until the heat breaks.
""",
            ),
        ],
    ),
    dict(
        event="kenya-surveillance-ruling",
        members=[
            "kenya-surveillance-ruling",
            dict(
                site="nairobidaily.example",
                section="news/courts",
                published="2026-11-20T18:00:00Z",
                title="Supreme Court: State cannot tap your phone without a warrant",
                text="""
Security agencies will no longer be able to intercept Kenyans' calls, texts and
internet messages without first obtaining a warrant from a judge, after the
Supreme Court on Friday declared sections of last year's security laws
amendment unconstitutional.

The majority of five judges said Article 31 of the Constitution, which
guarantees the right to privacy, could not be limited by a law that left
interception entirely to the discretion of the intelligence service and the
police.

"A power to listen to the private conversations of any citizen, exercised in
secret and answerable to no court, is incompatible with a democratic society
founded on the rule of law," Justice Wanjiru Mbugua wrote.

Justices Peter Korir and Halima Abdi dissented. In their view, Parliament had
struck a legitimate balance given the threat from al-Shabaab along the Somali
border.

The petitioners, led by the Law Society of Kenya, had told the court that young
people who organised the protests were tracked using their phone data before
they were abducted. The State denied this.

The ruling has immediate consequences for criminal cases in which prosecutors
intend to rely on intercepted communications, defence lawyers said.
""",
            ),
            dict(
                site="techpolicy.example",
                section="africa",
                published="2026-11-21T07:45:00Z",
                title="Kenya's top court voids warrantless surveillance powers in win for "
                "digital rights",
                text="""
Digital rights advocates in Kenya are celebrating after the country's Supreme
Court struck down legal provisions that had allowed the National Intelligence
Service and police to intercept communications without judicial approval.

The provisions were added in 2025 through the Security Laws (Communications)
Amendment Act, which critics said was rushed through Parliament weeks after
mass protests. Telecom operators were required to give agencies access to their
networks on request, with no record kept of who was monitored.

In its 5-2 decision, the court said the law offered no independent oversight and
no remedy for people whose communications were wrongly intercepted. Writing for
the majority, Justice Wanjiru Mbugua said: "A power to listen to the private
conversations of any citizen, exercised in secret and answerable to no court,
is incompatible with a democratic society founded on the rule of law."

The government's response was muted. "The government respects the court and
will be guided by its decision," said Daniel Kiprotich, a spokesperson for the
Attorney General.

One of the petitioners, a coalition of technologists and lawyers, said it would
now push for a full audit of the surveillance equipment purchased by the state
and for operators to publish transparency reports.
""",
            ),
        ],
    ),
    dict(
        event="kazakhstan-ngo-law",
        members=[
            "kazakhstan-ngo-law",
            dict(
                site="steppereport.example",
                section="kazakhstan",
                published="2026-11-04T16:00:00Z",
                title="Kazakhstan: lower house backs NGO funding bill, critics see "
                "'foreign agent' law in disguise",
                text="""
Kazakhstan's Mazhilis, the lower chamber of parliament, voted overwhelmingly on
Wednesday for amendments that will force civil society groups receiving foreign
grants to report every quarter on how they spend the money and to appear in a
public register.

Only six deputies voted against. The bill's author, Yerlan Abenov, rejected
comparisons with Russia's foreign agent legislation. "This law is about
transparency, not about punishing anyone," he said during the debate.

Civil society representatives are not convinced. The bill would let the justice
ministry suspend organisations for six months for reporting failures and would
bar foreign-funded groups from undefined "political" activity, vague language
that lawyers say could cover anything from election monitoring to commenting
on draft laws.

Aigerim Sadykova, who runs a legal aid centre in Almaty, said the stigma alone
would do damage. "Once you put this label on us, our partners, our volunteers
and even our landlords start to be afraid," she said.

The bill now moves to the Senate. Since 2016 the government has kept a list of
groups funded from abroad, but appearing on it has so far had little practical
effect.
""",
            ),
            dict(
                site="dailypaper.example",
                section="world/asia",
                published="2026-11-05T06:30:00Z",
                title="Kazakhstan moves to put foreign-funded charities under state watch",
                text="""
Charities and campaign groups in Kazakhstan that receive money from abroad face
a new regime of registration, quarterly spending reports and possible
suspension after lawmakers approved a controversial bill this week.

The government says the measure is about openness. "Citizens have the right to
know who is financing organisations that seek to influence public policy," the
deputy who sponsored the bill, Yerlan Abenov, told parliament.

But human rights groups say it echoes laws used in Russia, Georgia and
Kyrgyzstan to brand independent organisations as foreign agents and eventually
force them to close. The bill's ban on foreign-funded groups engaging in
"activities of a political nature" is not defined, they note.

"Once you put this label on us, our partners, our volunteers and even our
landlords start to be afraid," said Aigerim Sadykova, whose legal aid centre
helps victims of domestic violence with funding from the EU.

The European Union, which funds dozens of projects in Kazakhstan, from legal aid
to environmental monitoring, said it was concerned and asked senators to
consult civil society before they vote.

The Senate is expected to consider the bill before the end of the year. If
approved, it will go to the president for signature.
""",
            ),
        ],
    ),
    dict(
        event="unsc-sudan-veto",
        members=[
            "unsc-sudan-veto",
            dict(
                site="globalpost.example",
                section="world/africa",
                published="2026-11-21T01:20:00Z",
                title="Russian veto sinks Security Council push for Sudan aid corridors",
                text="""
A British effort to force open humanitarian routes into Sudan's famine-hit west
collapsed at the United Nations on Friday when Russia cast its veto, despite
support from 13 of the 15 Security Council members.

The resolution would have required the Sudanese army and the Rapid Support
Forces to let aid convoys through three corridors into Darfur and Kordofan and
to observe a 30-day pause in fighting around Dilling. China abstained.

Britain's deputy ambassador, Eleanor Whitcombe, accused Moscow of choosing
politics over lives. "Today one member of this council chose to stand between
starving children and the food that is waiting for them at the border," she
said.

Moscow's envoy Andrei Zotov countered that the text ignored the position of the
Sudanese government. "Humanitarian aid must not become a pretext for
interference in the internal affairs of a sovereign state," he told the
chamber.

More than two and a half years of war have displaced around 12 million
Sudanese and pushed parts of the country into famine, according to UN agencies.

The veto means the General Assembly must meet within 10 working days to debate
the issue, under a procedure adopted in 2022.
""",
            ),
            dict(
                site="aidnews.example",
                section="news",
                published="2026-11-21T11:00:00Z",
                title="After Russian veto, aid groups say Sudan's trucks will keep waiting",
                text="""
Aid agencies working in Sudan reacted with dismay after Russia blocked a
Security Council resolution that they had hoped would unlock food deliveries to
areas where famine has been confirmed.

"We have trucks loaded with sorghum and nutrition supplies that have been parked
at the border for six weeks. A resolution would not have solved everything, but
it would have given us leverage," said the country director of one
international NGO, who asked not to be named because of the risk to staff.

The British-drafted text won 13 votes, with China abstaining. Explaining the
veto, Russian deputy envoy Andrei Zotov said: "Humanitarian aid must not become
a pretext for interference in the internal affairs of a sovereign state."

Relief officials say the problem is less a lack of supplies than a lack of
permission: both warring parties restrict movement across front lines, and
convoys need separate clearances that can take weeks.

In Dilling and Kadugli in South Kordofan, residents have reported eating leaves
and animal feed. A UN-backed hunger monitor has classified parts of the region
as in famine.
""",
            ),
        ],
    ),
    dict(
        event="australia-climate-target-case",
        members=[
            "australia-climate-target-case",
            dict(
                site="pacificnews.example",
                section="australia",
                published="2026-11-24T07:30:00Z",
                title="Torres Strait youth win landmark climate case against Canberra",
                text="""
Young Torres Strait Islanders have won a legal challenge against the Australian
government's 2035 emissions target, with the Federal Court finding that the
environment minister failed to consider the science on what warming means for
their island homes.

Justice Margaret Ellery's decision does not set a new target. Instead she set
aside the minister's decision and sent it back for a fresh one within 12 months.

Reading a summary of her reasons, the judge said: "The question before the
Court is not whether the target is too low, which is a matter for the
Parliament and the executive, but whether it was set lawfully. The Court has
found that it was not. The Minister was obliged to consider the best available
scientific evidence about the consequences of warming for the applicants and
others in their position, and to explain how the target related to that
evidence. That did not occur."

Outside the court in Sydney, 19-year-old applicant Lena Anau from Saibai Island
wept as supporters sang. "We came to court because our islands are running out
of time, and today the court listened," she said.

The government said it would consider the judgment carefully.
""",
            ),
            dict(
                site="climatedesk.example",
                section="litigation",
                published="2026-11-24T11:10:00Z",
                title="Australian judge finds 2035 climate target unlawfully set, citing "
                "reliance on offsets",
                text="""
An Australian court has found that the country's 2035 climate target was set
unlawfully. The target, a 62-70% cut on 2005 levels, stays in place until the
government makes a new decision, which it must do within a year.

Justice Margaret Ellery framed the case narrowly: "The question before the
Court is not whether the target is too low, which is a matter for the
Parliament and the executive, but whether it was set lawfully. The Court has
found that it was not. The Minister was obliged to consider the best available
scientific evidence about the consequences of warming for the applicants and
others in their position, and to explain how the target related to that
evidence. That did not occur."

Much of the judgment deals with offsets: officials assumed large volumes would
become available in the 2030s without testing whether that was plausible.
Lawyers said the focus on process rather than on the level of the target set it
apart from Dutch and German rulings.
""",
            ),
        ],
    ),
    dict(
        event="georgia-tv-licence",
        members=[
            "georgia-tv-licence",
            dict(
                site="tbilisitimes.example",
                section="politics",
                published="2026-11-12T14:50:00Z",
                title="Regulator suspends Kanal 9 licence for three months",
                text="""
The Communications Commission on Thursday suspended the broadcasting licence of
Kanal 9 for three months, saying the channel had repeatedly breached the
requirement for objectivity and balance in its news programming.

The decision was taken at a session that lasted less than an hour. Commission
chairman Levan Kiknadze said the channel had already been fined four times this
year and had ignored the regulator's warnings.

Kanal 9 director Nino Gelashvili called the decision political. "They are not
punishing Kanal 9 for breaking rules, they are punishing it for showing the
protests," she said after the session. "If we go off air, there will be no
national broadcaster left that the government does not control."

The channel, which has covered the anti-government rallies on Rustaveli Avenue
live almost every evening for two years, will continue online while it
challenges the suspension in Tbilisi City Court.

Opposition parties described the decision as an attempt to remove the last
independent television voice before next year's local elections, while the
ruling party accused the channel of acting as a propaganda outlet for its
opponents.
""",
            ),
            dict(
                site="europeobserver.example",
                section="eastern-partnership",
                published="2026-11-13T09:20:00Z",
                title="Brussels condemns Georgia's move to take critical TV channel off air",
                text="""
The European Union has condemned a decision by Georgia's broadcasting regulator
to suspend the licence of Kanal 9, one of the few remaining television channels
that regularly criticises the government.

The three-month suspension, announced on Thursday, will take the channel off
terrestrial and cable networks from Saturday. The regulator cited violations of
rules on balanced reporting.

"If we go off air, there will be no national broadcaster left that the
government does not control," Kanal 9's director, Nino Gelashvili, warned.

In a statement, the EU's foreign policy spokesperson called the decision
"another step away from the European path", adding to a long list of
criticisms of the Georgian government since it froze EU accession talks in late
2024.

Georgia's parliament has since passed a foreign agents law modelled on Russia's
and amended the broadcasting code, measures that the Council of Europe's
advisory bodies have said are incompatible with European standards.
""",
            ),
        ],
    ),
    dict(
        event="guinea-shutdown",
        members=[
            "guinea-shutdown",
            dict(
                site="africareport.example",
                section="west-africa",
                published="2026-11-16T07:00:00Z",
                title="Guinea's legislative vote marred by internet blackout",
                text="""
Guineans voted on Sunday in legislative elections meant to complete the return
to constitutional rule, but the count got under way in near-total digital
darkness after internet connections collapsed across the country in the late
afternoon.

Connectivity data showed traffic dropping to less than a fifth of normal
levels from about 4 p.m. Mobile internet, which most Guineans rely on, was
worst affected. The government blamed damage to a submarine cable.

Observers were sceptical. "Cutting the internet at the very moment votes are
being counted removes one of the few ways citizens have to verify what is
happening at their polling station," said Ibrahima Sow, who coordinates a
domestic observation mission of about 3,000 people.

Several opposition parties stayed out of the election, arguing that the
timetable had been imposed by the military authorities without dialogue.

In Conakry's suburbs, polling stations were quiet for much of the day, and
observers reported low turnout, though official figures were not released on
Sunday.

Guinea has cut or throttled the internet several times since the 2021 coup,
usually during opposition protests.
""",
            ),
            dict(
                site="digitalrights.example",
                section="blog",
                published="2026-11-15T21:30:00Z",
                title="Guinea: election-day internet shutdown must end now",
                text="""
We condemn the internet shutdown imposed in Guinea on election day and call on
the authorities to restore full connectivity immediately.

From around 16:00 local time on Sunday, as polling stations were preparing to
close, measurements from multiple independent sources showed a nationwide
collapse in traffic, with mobile networks most severely affected. The pattern
is consistent with a deliberate, government-ordered disruption rather than a
cable fault, which would not normally affect all operators at once.

Shutdowns during elections deprive voters, journalists and observers of the
ability to share information and document irregularities. Local observers put
it plainly: "Cutting the internet at the very moment votes are being counted
removes one of the few ways citizens have to verify what is happening at their
polling station."

Guinea is a repeat offender. Access to social media platforms was restricted in
2023 and 2024, and authorities have never published the legal basis for those
orders.

We urge telecommunications companies operating in Guinea to disclose any orders
they have received, and we call on regional bodies and election observers to
address the shutdown in their assessments of the vote.
""",
            ),
        ],
    ),
    dict(
        event="executions-report",
        members=[
            "executions-report-wire",
            "executions-report-release",
            dict(
                site="dailypaper.example",
                section="world",
                published="2026-11-25T07:15:00Z",
                title="Hangings for drug offences drive executions to decade high",
                text="""
More people were executed around the world in the year to September than at
any time in the past decade, with drug offences accounting for almost two in
every five recorded deaths, according to new figures from a human rights group.

Rights First International counted 1,730 executions across 17 countries, a rise
of about a quarter on the previous year. The true figure is far higher: China,
thought to be the world's most prolific executioner, keeps its numbers secret.

"A small group of states is carrying out executions at a pace we have not seen
in years, and too many of the people being hanged are poor, foreign or from
minority communities," said Dr Nadia Farouk, the group's death penalty adviser.

Foreign migrant workers convicted of smuggling drugs are heavily represented
among those executed in the Gulf, campaigners say, often after trials conducted
in a language they do not understand.

The report also found grounds for hope. Two more countries abolished capital
punishment during the year, and the number of countries carrying out
executions fell slightly.

Campaigners are urging governments that retain the death penalty to declare an
official moratorium.
""",
            ),
        ],
    ),
    dict(
        event="fr-dissolution-collectif",
        members=[
            "fr-dissolution-collectif",
            dict(
                site="lemonde.example",
                section="planete",
                published="2026-11-05T18:10:00Z",
                title="Le Conseil d'État désavoue le gouvernement et maintient en vie "
                "« Terres vivantes »",
                text="""
Nouveau camouflet pour la place Beauvau. Saisi en urgence par le collectif
écologiste « Terres vivantes », le juge des référés du Conseil d'État a
suspendu, jeudi 5 novembre, le décret qui prononçait sa dissolution, trois
semaines après sa publication au Journal officiel.

Le gouvernement reprochait au mouvement d'avoir relayé des appels à « désarmer »
des chantiers de réserves d'eau agricoles. Pour la haute juridiction, ces
messages ne démontrent pas une provocation à la violence contre les personnes.
L'ordonnance rappelle le principe : « La dissolution d'une association est une
mesure d'une exceptionnelle gravité, qui porte atteinte à la liberté
d'association, principe fondamental reconnu par les lois de la République. »

Dans l'entourage du ministre, on minimise la portée de la décision, rendue en
urgence, et l'on assure que le dossier sera plaidé au fond. Les juristes
rappellent pourtant que le Conseil d'État avait déjà censuré, en 2023, une
dissolution jugée disproportionnée.

Du côté du collectif, qui revendique plusieurs milliers d'adhérents, on
savoure. Ses militants prévoient un nouveau rassemblement dans les Deux-Sèvres
à la fin du mois.
""",
            ),
            dict(
                site="ouest-info.example",
                section="deux-sevres",
                published="2026-11-07T05:45:00Z",
                title="Dissolution suspendue : les militants de « Terres vivantes » soulagés",
                text="""
C'est par un message envoyé à ses adhérents jeudi en fin d'après-midi que le
collectif « Terres vivantes » a annoncé la nouvelle : le Conseil d'État a
suspendu sa dissolution. Dans les Deux-Sèvres, où le mouvement est né en 2022,
l'annonce a été accueillie avec soulagement.

« On a passé trois semaines à se demander si on avait encore le droit de se
réunir. Ce soir, on respire », confie une militante de Melle, qui préfère
rester anonyme.

Le juge des référés estime qu'il existe un doute sérieux sur la légalité du
décret. Dans son ordonnance, il souligne que « la dissolution d'une association
est une mesure d'une exceptionnelle gravité, qui porte atteinte à la liberté
d'association, principe fondamental reconnu par les lois de la République ».

L'avocate du collectif, Me Claire Dufresne, y voit « une décision qui rappelle
que l'écologie n'est pas un délit ».

Les agriculteurs favorables aux retenues d'eau, eux, regrettent la décision.
« Nos chantiers ont été dégradés, et personne n'en répond », déplore le
président d'une coopérative d'irrigants du secteur. L'affaire sera jugée sur le
fond dans les prochains mois.
""",
            ),
        ],
    ),
    dict(
        event="es-corte-idh-periodista",
        members=[
            "es-corte-idh-periodista",
            dict(
                site="eldiario.example",
                section="internacional",
                published="2026-11-09T21:00:00Z",
                title="Once años sin Ernesto Tzul: la Corte IDH culpa al Estado de Guatemala",
                text="""
La familia de Ernesto Tzul esperó más de una década para escuchar lo que la
Corte Interamericana de Derechos Humanos dijo este lunes: que el Estado de
Guatemala es responsable de la desaparición forzada del periodista, a quien
nadie ha vuelto a ver desde marzo de 2015.

Tzul conducía un programa en una radio comunitaria de Huehuetenango y había
informado durante meses sobre vertidos de una mina en los ríos de la zona.
Antes de desaparecer denunció amenazas ante la fiscalía y pidió protección. No
la recibió.

El tribunal fue tajante: "El Estado no adoptó las medidas razonables para
prevenir la desaparición, pese a tener conocimiento del riesgo real e inmediato
que enfrentaba el periodista", afirma la sentencia, que también da por probada
la participación de policías en su detención.

Guatemala deberá reabrir la investigación, buscar al periodista, reparar a la
familia y poner en marcha un mecanismo de protección para la prensa.

Organizaciones de libertad de prensa celebraron la decisión, aunque recordaron
que el país arrastra sentencias anteriores de la Corte que aún no ha cumplido.
""",
            ),
            dict(
                site="prensalibre.example",
                section="justicia",
                published="2026-11-10T06:30:00Z",
                title="Corte IDH ordena reabrir caso de periodista desaparecido en Huehuetenango",
                text="""
La Corte Interamericana de Derechos Humanos condenó al Estado de Guatemala por
la desaparición forzada del comunicador Ernesto Tzul, ocurrida en marzo de 2015
en Huehuetenango, y le ordenó reabrir las investigaciones penales.

Según el fallo, notificado el lunes, elementos de la Policía Nacional Civil
intervinieron en la detención del periodista y el Ministerio Público no
investigó con diligencia. "El Estado no adoptó las medidas razonables para
prevenir la desaparición, pese a tener conocimiento del riesgo real e
inmediato que enfrentaba el periodista", indica la resolución.

Entre las reparaciones, la Corte dispuso el pago de una indemnización a los
familiares, un acto público de reconocimiento de responsabilidad y la creación,
en un plazo de 18 meses, de un mecanismo de protección para periodistas.

Consultada por este medio, la Procuraduría General de la Nación indicó que
analiza el contenido de la sentencia. La familia pidió que el Gobierno cumpla
sin demoras.
""",
            ),
        ],
    ),
    dict(
        event="myanmar-airstrikes",
        members=[
            "myanmar-airstrikes-ohchr",
            dict(
                site="globalpost.example",
                section="world/asia",
                published="2026-11-06T13:40:00Z",
                title="UN says Myanmar airstrikes killed 214 civilians in five weeks",
                text="""
Myanmar's military has killed at least 214 civilians in airstrikes since early
October, including dozens of children, the UN human rights office said on
Friday, accusing the junta of attacks that may amount to war crimes.

"We have verified the deaths of at least 214 civilians in airstrikes over the
past five weeks, including 41 children. The actual figure is likely to be
considerably higher. Airstrikes have hit schools, a monastery sheltering
displaced families, a crowded market and a wedding party. These attacks appear
to have been carried out with no regard for the principles of distinction,
proportionality and precaution," spokesperson Elena Marchetti said in Geneva.

"We remind the military that intentionally directing attacks against civilians
and civilian objects constitutes a war crime. Those responsible, including
commanders who ordered or failed to prevent such attacks, must be held
accountable," she added.

The deadliest single attack hit a market in Sagaing region on Oct. 24, killing
at least 37 people.

The junta did not respond to a request for comment. It has previously said it
targets only "terrorists".
""",
            ),
            dict(
                site="asiadispatch.example",
                section="southeast-asia",
                published="2026-11-07T02:10:00Z",
                title="Myanmar: UN calls for jet fuel embargo as civilian toll from "
                "airstrikes mounts",
                text="""
The United Nations has called on all countries to stop supplying jet fuel and
weapons to Myanmar's military after documenting a surge in deadly airstrikes on
villages, markets and schools in the country's north and west.

"We have verified the deaths of at least 214 civilians in airstrikes over the
past five weeks, including 41 children. The actual figure is likely to be
considerably higher. Airstrikes have hit schools, a monastery sheltering
displaced families, a crowded market and a wedding party. These attacks appear
to have been carried out with no regard for the principles of distinction,
proportionality and precaution," UN human rights spokesperson Elena Marchetti
told reporters in Geneva.

"We call on all States to stop the supply of jet fuel and weapons to the
Myanmar military, and we urge the Security Council to refer the situation in
Myanmar to the International Criminal Court," she said.

A farmer from Sagaing, reached by telephone, said villagers now sleep in the
forest. "The children know the sound of the jet before we do," he said.
""",
            ),
        ],
    ),
]
