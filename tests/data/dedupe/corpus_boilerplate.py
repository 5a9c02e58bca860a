"""Hard negatives, part 3: texts that share boilerplate but not a story.

FOOTER_SITES      different press releases from one NGO site, each a short
                  distinct body followed by the site's long identical footer
                  (``boilerplate_footer`` pairs: every two releases of a site).
TEMPLATE_*        releases about different people in different countries,
                  built on the same stock sentences (``template_release``).
BRIEFINGS         a site's recurring item under one generic title, different
                  news each time (``same_title_other_story``).

All organisations' activities, people, events and contact details are
fictional (phone numbers are from the 020 7946 0xxx drama range).
"""

from typing import Any

FOOTER_SITES: list[dict[str, Any]] = [
    dict(
        site="amnesty.example",
        section="press-releases",
        footer="""
Notes to editors

Amnesty International is a global movement of more than 10 million people who
campaign for a world where human rights are enjoyed by all. We are independent
of any government, political ideology, economic interest or religion, and we
are funded mainly by our members and by public donations.

Amnesty International UK's media team is available from 9am to 6pm, Monday to
Friday. Outside these hours, an on-call press officer can be reached for urgent
enquiries on 020 7946 0321. For interviews with our spokespeople, images and
case studies, please email press@amnesty.example.

You are receiving this press release because you are registered as a journalist
with Amnesty International UK. If you no longer wish to receive our releases,
reply to this message with "unsubscribe" in the subject line. Amnesty
International UK is a registered charity in England and Wales, company number
07946120.
""",
        releases=[
            dict(
                title="UK: Strip-search figures must spur urgent reform of policing of children",
                published="2026-11-16T09:00:00Z",
                text="""
Responding to figures published today showing that police in England and
Wales strip-searched more than 3,200 children in the last year, a quarter of
them without an appropriate adult present, Amnesty International UK's
children's rights lead, Kate Mensah, said:

"Behind each of these numbers is a child who was made to undress in front of
police officers, often for no good reason. That so many of these searches took
place without an appropriate adult present is shocking.

"The government must make the presence of an appropriate adult a legal
requirement in every case and publish full data on the ethnicity of the
children searched."
""",
            ),
            dict(
                title="Saudi Arabia: Football sponsorship deal is 'sportswashing', fans told",
                published="2026-11-17T11:30:00Z",
                text="""
Amnesty International UK has written to supporters of a Premier League club
ahead of Saturday's home match, urging them to ask the club to reconsider a new
sponsorship deal with a Saudi state-owned company.

"Fans have every right to ask what their club is being used for. This deal is
a textbook case of sportswashing, designed to distract from mass executions and
the jailing of peaceful critics," said campaigns director Tom Alder.

The organisation will hand out leaflets outside the stadium before kick-off.
""",
            ),
            dict(
                title="Iran: Execution of young protester must be halted immediately",
                published="2026-11-18T14:00:00Z",
                text="""
The Iranian authorities must immediately halt the execution of 23-year-old
protester Amir Rezaei, who was transferred to solitary confinement in Ghezel
Hesar prison on Monday, a step that often precedes an execution.

Rezaei was sentenced to death in May after a trial before a Revolutionary Court
that lasted less than an hour. He told his family that he had been beaten and
threatened with the arrest of his mother until he agreed to confess on camera.

"Amir Rezaei's life hangs by a thread. The UK government must use every
channel it has to press Iran to stop this execution," said Amnesty International
UK's Middle East campaigner, Sara Nouri.
""",
            ),
            dict(
                title="UK: Arms export licences must be suspended pending review",
                published="2026-11-19T10:15:00Z",
                text="""
Amnesty International UK today joined a coalition of charities in calling on
the government to suspend all export licences for military equipment that
could be used in attacks on civilians while it carries out its promised review
of arms export policy.

The call comes after a parliamentary answer revealed that 38 new licences had
been approved since the review was announced in September.

"You cannot review a policy while continuing to apply it as if nothing had
changed," said Amnesty International UK's arms control expert, David Ferris.
"Ministers must pause these sales until the review is complete."
""",
            ),
            dict(
                title="Amnesty Media Awards 2027 open for entries",
                published="2026-11-20T08:00:00Z",
                text="""
Entries are now open for the 2027 Amnesty Media Awards, which recognise
outstanding journalism that exposes human rights abuses and gives a voice to
those affected.

This year's awards include a new category for local and community journalism,
and the prize for young journalists of the year has been extended to
journalists aged under 30. Entries must have been published or broadcast in
the UK between 1 January and 31 December 2026.

The closing date is 30 January 2027. The winners will be announced at a
ceremony in London in May.
""",
            ),
        ],
    ),
    dict(
        site="rightsfirst.example",
        section="news/press-releases",
        footer="""
About Rights First International

Rights First International is an independent human rights organisation that
investigates abuses, supports human rights defenders and campaigns for justice
in more than 40 countries. Founded in 1987, it does not accept funding from
governments and relies on the support of individuals and foundations.

Media contacts

For interviews and further information, please contact the Rights First
International press office on +44 20 7946 0874 or at media@rightsfirst.example.
Out of office hours, please call our 24-hour media line on +44 20 7946 0875.
Follow us on social media for the latest updates from our researchers.
""",
        releases=[
            dict(
                title="Bangladesh: Release of student activists welcome but charges must "
                "be dropped",
                published="2026-11-09T10:00:00Z",
                text="""
The release on bail of 14 student activists arrested during protests in Dhaka
last month is a welcome step, but the authorities must now drop the charges
against them and investigate allegations that several were beaten in custody,
Rights First International said today.

The students, members of a campus coalition campaigning against tuition fee
increases, were charged with vandalism and obstructing police after clashes
outside the education ministry. Their lawyers say the charges are based on
police reports that contradict video footage of the protest.

"These young people should never have spent a single night in jail," said
South Asia researcher Farhana Akter. "Releasing them on bail while keeping the
charges hanging over them is a way of keeping them quiet."
""",
            ),
            dict(
                title="Rights First International appoints new Secretary General",
                published="2026-11-10T12:00:00Z",
                text="""
The international board of Rights First International has appointed Amara
Okonjo as the organisation's next Secretary General. She will take up the post
on 1 February 2027, succeeding Jonas Lindberg, who has led the organisation
since 2019.

Okonjo is currently the organisation's Africa director and previously worked as
a human rights lawyer in Lagos and at the African Commission on Human and
Peoples' Rights in Banjul.

"I am honoured to lead an organisation whose researchers go where others will
not and stand with defenders who have nobody else," Okonjo said. "The next few
years will test the human rights system as never before."
""",
            ),
            dict(
                title="Joint statement: Human Rights Council must renew accountability mechanism",
                published="2026-11-11T09:30:00Z",
                text="""
Rights First International and 63 other organisations today urged members of
the UN Human Rights Council to renew the mandate of an independent
investigative mechanism whose work is due to end next year, warning that
evidence of serious crimes could be lost.

The mechanism has collected more than one million items of evidence, including
witness statements, satellite images and videos, and has shared files with
prosecutors in several countries.

"Letting this mechanism lapse would send a message to perpetrators that if they
wait long enough, the world will forget," the organisations said in their
statement. They called on states to ensure that the mechanism is adequately
funded and that its archive is preserved.
""",
            ),
            dict(
                title="Colombia: Killings of social leaders rise for third consecutive year",
                published="2026-11-12T15:45:00Z",
                text="""
At least 187 community leaders and human rights defenders have been killed in
Colombia so far this year, the highest number since the 2016 peace agreement,
according to data compiled by Rights First International and Colombian partner
organisations.

Most of the victims were Indigenous, Afro-descendant or peasant leaders working
on land restitution, crop substitution or environmental protection in regions
where armed groups compete for control of territory.

"Every one of these killings was preceded by threats that the authorities knew
about. Protection cannot mean a bulletproof vest and a mobile phone," said
Andean region director Camilo Restrepo.
""",
            ),
            dict(
                title="EU: Rolling back corporate due diligence law would let companies "
                "off the hook",
                published="2026-11-13T08:30:00Z",
                text="""
The European Union's plan to further delay and weaken its corporate
sustainability due diligence law would let companies off the hook for forced
labour, child labour and environmental destruction in their supply chains,
Rights First International warned today ahead of a key vote in the European
Parliament.

The proposed changes would limit companies' obligations to their direct
suppliers, where abuses are least likely to occur, and remove the requirement
to adopt climate transition plans.

"This is not simplification, it is demolition," said business and human rights
lead Marie Dupont. "MEPs should stand by the workers and communities this law
was designed to protect."
""",
            ),
        ],
    ),
    dict(
        site="climateaction.example",
        section="news",
        footer="""
Notes to editors

1. The Climate Action Coalition is a network of more than 300 civil society
organisations in over 80 countries working to promote government and individual
action to limit human-induced climate change to ecologically sustainable
levels.

2. The Coalition's members include environmental groups, development
organisations, trade unions, faith-based organisations and youth movements.
Member organisations work together on information exchange and the
coordinated development of policy and strategy on climate issues.

3. The Coalition has observer status at the United Nations Framework Convention
on Climate Change and at the Intergovernmental Panel on Climate Change.

4. Spokespeople are available for interview in English, French, Spanish and
Portuguese. Photographs from our actions can be downloaded from our media
library and may be used free of charge with credit.

Contact: Media team, Climate Action Coalition, press@climateaction.example,
+44 20 7946 0612 (24 hours during the COP31 summit).
""",
        releases=[
            dict(
                title="New analysis: G20 fossil fuel subsidies reach $1.1 trillion",
                published="2026-11-16T07:00:00Z",
                text="""
G20 governments provided at least $1.1 trillion in public support for fossil
fuels last year, more than four times the amount they spent on climate
finance for developing countries, according to a new analysis published today
by the Climate Action Coalition.

"Every dollar spent propping up coal, oil and gas is a dollar not spent
protecting people from the disasters those fuels are causing," said the
Coalition's policy lead, Rafael Souza. "Leaders meeting at COP31 must agree a
timeline for ending these handouts."
""",
            ),
            dict(
                title="Youth climate delegates denied visas for COP31, coalition says",
                published="2026-11-16T12:00:00Z",
                text="""
At least 46 young climate activists from Africa, Asia and Latin America have
been denied visas or are still waiting for them, a week into the COP31 summit,
the Climate Action Coalition said today.

"The people most affected by climate change are once again being kept outside
the room where decisions about their future are made," said youth coordinator
Aisha Bello. The Coalition has written to the summit presidency asking it to
intervene with the host authorities and to guarantee online participation.
""",
            ),
            dict(
                title="Coalition launches tracker of climate court cases across Africa",
                published="2026-11-18T09:00:00Z",
                text="""
The Climate Action Coalition today launched an online tracker of climate
litigation in Africa, listing 112 court cases in 23 countries, from challenges to
coal plants in South Africa to claims against gas flaring in Nigeria.

"Communities are increasingly turning to the courts because governments and
companies have failed them," said legal adviser Nomvula Dlamini. "This tracker
will help lawyers learn from each other's victories and defeats." The database is
searchable by country and theme, will be updated every month and is free for
anyone to use.
""",
            ),
            dict(
                title="Statement on the close of the COP31 climate summit",
                published="2026-11-21T23:30:00Z",
                text="""
Responding to the final decisions adopted at COP31, the Climate Action
Coalition's executive director, Ingrid Halvorsen, said:

"The new adaptation goal is a real step forward for communities on the front
line, but it will mean nothing unless the money arrives. On fossil fuels, this
summit has once again failed to say clearly what the science demands: a fast,
fair and funded phase-out. We will hold every government to the promises made
here, and we will be back next year to demand more."
""",
            ),
        ],
    ),
    dict(
        site="refugeecouncil.example",
        section="latest/news",
        footer="""
Notes to editors

The Refugee Action Council is a national charity that supports people seeking
asylum and refugees through advice, casework and community projects in 14
towns and cities. For media enquiries, please contact the press office on
020 7946 0558 or press@refugeecouncil.example. Spokespeople and case studies
are available on request, subject to consent. Please do not publish the names
or photographs of asylum seekers without checking with us first. Our services
are funded by individual supporters, trusts and foundations, and we do not
accept government funding for our advocacy work.
""",
        releases=[
            dict(
                title="Charity responds to new family reunion rules",
                published="2026-11-23T10:00:00Z",
                text="""
Responding to the Home Office's announcement of new rules for refugees who want
to bring close family members to the UK, the Refugee Action Council's head of
policy, Simon Aldridge, said:

"Refugee family reunion is one of the few safe and legal routes that actually
works. It allows children to join parents and husbands to join wives without
risking their lives in small boats. Making the route harder, by introducing new
income thresholds and longer waiting periods, will not stop families from
trying to be together. It will simply push more of them into the hands of
smugglers.

"We urge the government to publish the evidence behind these changes and to
exempt children and people with serious medical conditions from the new
requirements before they come into force in April."
""",
            ),
            dict(
                title="Winter appeal: charity warns of rising destitution among refused "
                "asylum seekers",
                published="2026-11-24T07:30:00Z",
                text="""
The Refugee Action Council today launched its winter appeal, warning that the
number of people seeking asylum who have been left destitute after their claims
were refused has risen sharply, with many forced to sleep rough as temperatures
fall.

The charity's advice services supported 2,870 destitute people between April
and September, up 41% on the same period last year. More than half had been
evicted from asylum accommodation within weeks of receiving a decision, often
before they could access any other support.

"We are seeing people turn up at our drop-in centres with nothing but the
clothes they are wearing. Some have been sleeping in bus shelters for weeks,"
said the charity's chief executive, Hassan Mir.

The appeal aims to raise £500,000 for emergency accommodation, food and warm
clothing.
""",
            ),
            dict(
                title="Response to inspection report on hotel used to house asylum seekers",
                published="2026-11-25T16:00:00Z",
                text="""
Responding to a report by the independent chief inspector of borders and
immigration on a hotel used to house people seeking asylum in the Midlands, the
Refugee Action Council's director of services, Joanne Keane, said:

"The inspector's findings confirm what residents have been telling us for
months: rooms shared by strangers, food that made people ill, and children
waiting weeks for a school place. That people were afraid to complain because
they thought it would affect their asylum claims is particularly troubling.

"Hotels were supposed to be a short-term emergency measure. They have become a
costly and inhumane part of the system. The Home Office must set out a clear
plan to move people into proper housing in the community and give local
authorities the resources to support them."
""",
            ),
            dict(
                title="New report: refugees' skills wasted as qualifications go unrecognised",
                published="2026-11-26T09:00:00Z",
                text="""
Thousands of refugees with qualifications as doctors, nurses, engineers and
teachers are working in low-paid jobs or are unemployed because their skills
are not recognised in the UK, according to a new report published today by the
Refugee Action Council.

The report, based on a survey of 640 refugees who arrived since 2021, found that
58% had a university degree or professional qualification, but only 12% were
working in a job that matched their skills. Many said that the cost of
conversion courses and exams, which can exceed £8,000, was the biggest barrier.

"At a time when the NHS and schools are desperately short of staff, it makes no
sense to leave qualified professionals stacking shelves," said the report's
author, Dr Leyla Osman. The charity is calling for a national fund to cover the
cost of recognising overseas qualifications.
""",
            ),
        ],
    ),
]

# ----------------------------------------------------------------- templates
# The stock sentences a campaigning NGO re-uses in every individual-case
# release.  Placeholders are filled from each release's fields.
TEMPLATE_SITE = "amnesty.example"
TEMPLATE_SECTION = "latest/news"
TEMPLATE_OPENING = (
    "{authorities} must immediately and unconditionally release {name}, who is being "
    "held solely for peacefully exercising {poss} right to freedom of expression, "
    "Amnesty International said today{occasion}."
)
TEMPLATE_POC = (
    "{name} is a prisoner of conscience. {Pron} should never have been arrested in the "
    "first place, and every day {pron} spends behind bars compounds the injustice."
)
TEMPLATE_CALL = (
    "Amnesty International calls on the authorities of {country} to quash {poss} "
    "conviction and sentence and, pending {poss} release, to ensure that {pron} has "
    "regular access to {poss} family and to lawyers of {poss} choosing, and that {pron} "
    "is protected from torture and other ill-treatment."
)
TEMPLATE_PATTERN = (
    "The case of {name} is emblematic of a wider crackdown on peaceful dissent in "
    "{country}, where critics, human rights defenders and journalists continue to face "
    "arbitrary arrest, unfair trials and harsh prison sentences."
)
TEMPLATE_ACTION = (
    "Amnesty International has launched an urgent action calling for {poss_name} "
    "release. Supporters around the world are writing to the authorities of {country} "
    "to demand {poss} freedom."
)

TEMPLATE_RELEASES: list[dict[str, Any]] = [
    dict(
        title="Iran: Release teacher and trade unionist Leila Karimi",
        published="2026-11-02T10:00:00Z",
        country="Iran",
        authorities="The Iranian authorities",
        name="Leila Karimi",
        pron="she",
        occasion=", as her appeal against a six-year prison sentence was rejected",
        facts="""
Leila Karimi, a 44-year-old primary school teacher from Kermanshah and a
member of a teachers' trade union, was arrested in March after she spoke at a
rally calling for higher wages and the release of detained union members. In
September a Revolutionary Court sentenced her to six years in prison for
"assembly and collusion against national security" after a trial that lasted
less than 30 minutes.
""",
        quote="""
"Leila Karimi's only crime was to stand up for her fellow teachers. Rejecting
her appeal without even hearing her lawyer shows that the courts have become a
tool to punish anyone who organises," said Hana Rostami, Amnesty
International's Middle East and North Africa researcher.
""",
    ),
    dict(
        title="Viet Nam: Blogger Tran Van Minh must be freed",
        published="2026-11-03T09:00:00Z",
        country="Viet Nam",
        authorities="The Vietnamese authorities",
        name="Tran Van Minh",
        pron="he",
        occasion=", two years after his arrest in Ho Chi Minh City",
        facts="""
Tran Van Minh, 38, ran a popular Facebook page on which he criticised land
seizures and the handling of industrial pollution in the Mekong Delta. He was
arrested in November 2024 and sentenced in June 2026 to eight years in prison
for "making, storing, disseminating or propagandizing information, materials
and products aimed at opposing the State" under Article 117 of the Penal Code.
His wife says he has been held in a cell with 40 other prisoners.
""",
        quote="""
"Writing about polluted rivers and confiscated farmland is not a crime. The
Vietnamese authorities are using Article 117 to send a message that no critic is
safe, online or off," said Minh Chau Tran, Amnesty International's Viet Nam
campaigner.
""",
    ),
    dict(
        title="Egypt: Poet Hoda Mansour jailed for Facebook posts must be released",
        published="2026-11-04T13:00:00Z",
        country="Egypt",
        authorities="The Egyptian authorities",
        name="Hoda Mansour",
        pron="she",
        occasion=", following a decision to renew her detention for a further 45 days",
        facts="""
Hoda Mansour, a 31-year-old poet from Alexandria, was arrested at her home in
April after publishing a poem on Facebook mocking rising food prices. The
Supreme State Security Prosecution has since repeatedly renewed her detention
pending investigation on charges of "joining a terrorist group" and "spreading
false news". She has not been allowed to see her lawyer alone and was
interrogated without a lawyer present.
""",
        quote="""
"Hoda Mansour has been locked up for seven months because of a poem. The
Egyptian authorities should be addressing the cost of living, not jailing
people who write about it," said Omar Fathy, Amnesty International's Egypt
researcher.
""",
    ),
    dict(
        title="Azerbaijan: Economist Rauf Mammadli must be released",
        published="2026-11-05T08:30:00Z",
        country="Azerbaijan",
        authorities="The Azerbaijani authorities",
        name="Rauf Mammadli",
        pron="he",
        occasion=", as his trial on smuggling charges resumed in Baku",
        facts="""
Rauf Mammadli, 52, an economist who wrote analyses of public spending for an
independent news website, was arrested in January along with five of the
site's journalists. All six are charged with "smuggling foreign currency", a
charge brought against dozens of independent journalists in Azerbaijan since
2023. Police claim to have found 40,000 euros in the website's office, which
the defendants say was planted.
""",
        quote="""
"The charges against Rauf Mammadli are as transparent as they are absurd. His
real offence was to show Azerbaijanis where their money goes," said Natalia
Voronova, Amnesty International's South Caucasus researcher.
""",
    ),
    dict(
        title="Saudi Arabia: Release women's rights activist Hanan al-Mutairi",
        published="2026-11-06T11:00:00Z",
        country="Saudi Arabia",
        authorities="The Saudi Arabian authorities",
        name="Hanan al-Mutairi",
        pron="she",
        occasion=", on the third anniversary of her arrest",
        facts="""
Hanan al-Mutairi, a 35-year-old fitness instructor, was arrested in November
2023 after she posted videos on social media calling for an end to the male
guardianship system and supporting the release of detained activists. In 2025
the Specialized Criminal Court sentenced her to 15 years in prison followed by
a 15-year travel ban under counter-terrorism and anti-cybercrime laws.
""",
        quote="""
"Saudi Arabia wants the world to see concerts and football tournaments, not a
woman serving 15 years for a few videos. Hanan al-Mutairi's sentence exposes the
reality behind the reforms," said Dana Khalil, Amnesty International's Gulf
researcher.
""",
    ),
    dict(
        title="Russia: Anti-war pensioner Anatoly Rudenko must be released",
        published="2026-11-07T09:45:00Z",
        country="Russia",
        authorities="The Russian authorities",
        name="Anatoly Rudenko",
        pron="he",
        occasion=", after a court in Yekaterinburg sentenced him to seven years",
        facts="""
Anatoly Rudenko, a 68-year-old retired engineer, was arrested in 2025 after he
left handwritten notes in a supermarket comparing the war in Ukraine to the
wars his father had fought in. On 6 November a court sentenced him to seven
years in a penal colony for "disseminating knowingly false information" about
the armed forces. He suffers from diabetes and a heart condition.
""",
        quote="""
"Sending a sick 68-year-old man to a penal colony for a few handwritten notes is
cruel and absurd. Anatoly Rudenko should be at home with his family," said
Irina Guseva, Amnesty International's Russia researcher.
""",
    ),
]

# ----------------------------------------------------------------- briefings
BRIEFINGS: list[dict[str, Any]] = [
    dict(
        site="un-news.example",
        section="daily-update",
        title="Daily update",
        issues=[
            dict(
                published="2026-11-23T21:00:00Z",
                text="""
Here are today's top stories from the noon briefing at UN Headquarters in New
York and from UN agencies around the world.

Gaza: The UN relief agency for Palestine refugees said heavy rain had flooded
hundreds of tents in displacement sites in Khan Younis, and that winter supplies
were still held up at crossing points.

Haiti: The Secretary-General's spokesperson said armed gangs had attacked two
more towns in the Artibonite department over the weekend, forcing some 6,000
people to flee. The UN's humanitarian coordinator called for safe access for
aid convoys.

Climate: The World Meteorological Organization said greenhouse gas
concentrations in the atmosphere reached new record highs last year, in its
annual bulletin released ahead of the end of COP31.

Follow UN News for the latest updates throughout the day.
""",
            ),
            dict(
                published="2026-11-24T21:00:00Z",
                text="""
Here are today's top stories from the noon briefing at UN Headquarters in New
York and from UN agencies around the world.

Sudan: The World Food Programme said a convoy of 28 trucks had reached the town
of Tawila in North Darfur, the first delivery in more than a month, carrying
food for about 60,000 people who fled the fighting in El Fasher.

Violence against women: Ahead of the International Day for the Elimination of
Violence against Women on Tuesday, UN Women said one woman or girl is killed by
a partner or family member every ten minutes.

Ukraine: The UN human rights monitoring mission said at least 14 civilians were
killed in attacks on energy infrastructure and residential areas over the
weekend, most of them in the Kharkiv and Zaporizhzhia regions.

Follow UN News for the latest updates throughout the day.
""",
            ),
            dict(
                published="2026-11-25T21:00:00Z",
                text="""
Here are today's top stories from the noon briefing at UN Headquarters in New
York and from UN agencies around the world.

Death penalty: The UN human rights office said it was alarmed by a reported
surge in executions for drug offences, after a rights group published figures
showing executions worldwide at their highest level in a decade.

Myanmar: UNICEF said more than 3 million children in Myanmar needed
humanitarian assistance and that schools had been damaged in airstrikes in
Sagaing and Magway.

Afghanistan: The UN refugee agency said more than 1.6 million Afghans had
returned from Iran and Pakistan this year, many of them forcibly, and appealed
for winter assistance for returnees arriving with nothing.

Follow UN News for the latest updates throughout the day.
""",
            ),
            dict(
                published="2026-11-26T21:00:00Z",
                text="""
Here are today's top stories from the noon briefing at UN Headquarters in New
York and from UN agencies around the world.

Sahel: The UN refugee agency launched an appeal for $1.2 billion to support
more than 4.2 million people displaced in Burkina Faso, Mali and Niger and the
communities hosting them.

Democratic Republic of the Congo: The peacekeeping mission reported renewed
clashes in North Kivu province and said it had sheltered 1,500 civilians inside
its base near Beni.

Health: The World Health Organization said measles cases in Europe and Central
Asia had fallen this year but remained well above pre-pandemic levels, and
urged countries to close vaccination gaps.

Follow UN News for the latest updates throughout the day.
""",
            ),
            dict(
                published="2026-11-27T21:00:00Z",
                text="""
Here are today's top stories from the noon briefing at UN Headquarters in New
York and from UN agencies around the world.

Yemen: The UN envoy told the Security Council that a prisoner exchange agreed
in the spring had still not been carried out and urged the parties to release
the detainees before the end of the year.

Food prices: The Food and Agriculture Organization said its food price index
rose for the third month in a row in November, driven by higher prices for
vegetable oils and dairy products.

Rohingya: The UN refugee agency said at least 300 Rohingya refugees had arrived
in Indonesia's Aceh province by boat this month, and called on governments in
the region to allow them to disembark safely.

Follow UN News for the latest updates throughout the day.
""",
            ),
        ],
    ),
    dict(
        site="dailypaper.example",
        section="newsletters/morning-briefing",
        title="Morning briefing",
        issues=[
            dict(
                published="2026-11-10T05:30:00Z",
                text="""
Good morning. Here is what you need to know today.

Mould ruling: Forty-two tenants have won a damp and mould case against their
housing association, which must pay £612,000 and carry out repairs within six
months. Campaigners say it is one of the largest group claims of its kind.

Interest rates: The Bank of England is expected to hold rates on Thursday,
although two members of its monetary policy committee are thought to favour a
cut as inflation eases.

Rail strikes: Train drivers at three operators will walk out on Saturday in a
dispute over rest days, causing disruption to weekend services across the
south-east.

And finally: A library in Cumbria has received a book returned 63 years late,
along with an apology and a cheque for the fine.

Sign up to receive the Morning briefing in your inbox every weekday.
""",
            ),
            dict(
                published="2026-11-11T05:30:00Z",
                text="""
Good morning. Here is what you need to know today.

Remembrance: The country falls silent at 11am to mark Armistice Day. The King
will attend a service at the Cenotaph on Sunday.

NHS waiting lists: The number of patients waiting more than a year for
treatment in England has fallen for the sixth month in a row, but A&E
performance remains below target, figures due today are expected to show.

Protest powers: More than 40 organisations have signed a letter asking the Home
Secretary to withdraw plans for new powers to restrict repeated protests.

And finally: A pair of peregrine falcons nesting on a cathedral spire have
become the stars of a webcam watched by more than a million people.

Sign up to receive the Morning briefing in your inbox every weekday.
""",
            ),
            dict(
                published="2026-11-12T05:30:00Z",
                text="""
Good morning. Here is what you need to know today.

Economy: The economy grew by 0.2% in the three months to September, figures are
expected to show this morning, a slight slowdown from the previous quarter.

Schools: Head teachers in England have warned that a shortage of special
educational needs places means thousands of children are missing school,
ahead of a debate in Parliament.

Weather: Storm warnings are in place for western Scotland and Northern Ireland,
with gusts of up to 80mph forecast on Thursday night.

And finally: A retired postman has completed a walk along the entire coastline
of Britain, raising £120,000 for a hospice.

Sign up to receive the Morning briefing in your inbox every weekday.
""",
            ),
        ],
    ),
    dict(
        site="ngo-news.example",
        section="briefings",
        title="Weekly human rights briefing",
        issues=[
            dict(
                published="2026-11-06T09:00:00Z",
                text="""
Welcome to this week's human rights briefing, a round-up of news and reports
from the organisations we follow.

Hungary: The European Court of Human Rights ruled that Hungary violated the
rights of 14 climate activists detained after a protest on a Budapest bridge,
awarding each of them 7,500 euros.

Kazakhstan: The lower house of parliament passed a law requiring NGOs funded
from abroad to register and report quarterly on their spending. The bill now
goes to the Senate.

Belarus: Amnesty International called for the release of lawyer Maryna
Kavaleva, who has been charged after four months in detention.

Niger Delta: Four communities have sued an oil company over decades of gas
flaring, with the support of the Climate Action Coalition.

As always, tell us about reports we should include next week.
""",
            ),
            dict(
                published="2026-11-13T08:30:00Z",
                text="""
Welcome to this week's human rights briefing, a round-up of news and reports
from the organisations we follow.

Poland: Aid groups documented at least 300 pushbacks to Belarus between August
and October, including families and injured people. The Border Guard rejected
the findings.

Tunisia: The mass trial of 120 government critics opened in Tunis, with
defence lawyers walking out after the defendants were made to appear by video
link.

Kenya: UN experts urged the government to halt forced evictions along the
Nairobi River, where thousands of homes have been demolished since September.

Colombia: At least 187 social leaders have been killed this year, the highest
number since the 2016 peace agreement, according to new data.

As always, tell us about reports we should include next week.
""",
            ),
        ],
    ),
]
