"""Base articles, part 3: NGO and UN releases, and newspapers' own stories.

Same fields as corpus_wire.py.  For sites listed in build.TITLE_SUFFIXES the
``title`` is the bare headline: build.py appends the site-name suffix the way
each page's <title> shows it, and a same-site republication uses another
suffix.  All events, people, quotes and figures are fictional.
"""

from typing import Any

BASES: list[dict[str, Any]] = [
    # ------------------------------------------------------------------ NGOs
    dict(
        key="belarus-lawyer-kavaleva",
        site="amnesty.example",
        section="latest/press-releases",
        published="2026-11-03T10:00:00Z",
        title="Belarus: Jailed lawyer Maryna Kavaleva must be released",
        text="""
Responding to the news that human rights lawyer Maryna Kavaleva has been
charged with "organising and preparing actions that grossly violate public
order" after more than four months in pre-trial detention, Oleksandra
Petrenko, Amnesty International's Deputy Director for Eastern Europe and
Central Asia, said:

"Maryna Kavaleva has spent her career defending people whom the Belarusian
authorities wanted silenced. Now she has become one of them. The charges
against her are absurd, and they are a warning to every lawyer in the country
who still dares to take on a political case.

"She must be freed at once and the charges against her dropped. While she
remains in custody, the authorities must ensure that she can see her family
and her lawyers and that she receives the medical care she needs for her heart
condition."

Maryna Kavaleva, 47, was arrested in Minsk on 28 June 2026, two days after she
had visited a client in a penal colony in Navapolatsk. She was stripped of her
licence to practise law in 2022 after defending participants in the 2020
protests, but continued to advise the families of political prisoners.

Since 2020, more than 100 lawyers in Belarus have been disbarred or forced out
of the profession, and at least seven have been imprisoned. The authorities
have placed the bar under the control of the Ministry of Justice, which now has
the final say over who may practise law.

Belarusian human rights organisations currently recognise more than 1,100
people as political prisoners. Amnesty International has documented torture
and other ill-treatment of detainees, including denial of medical care and
prolonged incommunicado detention.
""",
        titles=[
            "Belarus charges human rights lawyer Maryna Kavaleva",
            "Lawyer who defended protesters now faces prison in Belarus",
        ],
        edits=[
            ("said:", "said today:"),
            ("Now she has become one of them.", "Now she has joined them."),
            ("currently recognise", "now recognise"),
        ],
        recipes=["republished_same_site", "republished_same_site", "wire_edit"],
    ),
    dict(
        key="uk-protest-powers",
        site="amnesty.example",
        section="latest/press-releases",
        published="2026-11-09T12:00:00Z",
        title="UK: New protest powers are 'another blow to the right to protest'",
        text="""
Responding to the Home Secretary's announcement today of new powers allowing
police to restrict protests near places of worship and to take into account the
"cumulative disruption" caused by repeated demonstrations on the same issue,
Amnesty International UK's Chief Executive, Gareth Rowe, said:

"These proposals are another blow to the right to protest in this country. Each
new power is presented as a narrow fix, but together they amount to a system in
which the police, rather than the public, decide which causes are allowed to be
heard on our streets.

"The right to protest is not a privilege granted by ministers. It is a
fundamental human right, and any restriction on it must be necessary and
proportionate. Vague concepts such as 'cumulative disruption' do not meet that
test, and they will inevitably be used against the movements that governments
find most inconvenient."

The announcement follows the Police, Crime, Sentencing and Courts Act 2022 and
the Public Order Act 2023, which together created new offences such as
"locking on", expanded stop and search powers and lowered the threshold at
which police can impose conditions on protests.

UN human rights experts have repeatedly raised concerns about the UK's approach
to protest, including pre-emptive arrests of demonstrators and long prison
sentences handed to non-violent climate protesters.

Amnesty International UK is urging MPs to reject the measures when they come
before Parliament and to commission an independent review of all protest
legislation passed since 2022.
""",
        titles=[
            "Home Office protest plans would let police, not the public, decide which "
            "causes are heard",
            "Amnesty UK urges MPs to reject 'cumulative disruption' protest powers",
        ],
        edits=[
            ("said:", "said today:"),
            ("is presented as a narrow fix", "is sold as a narrow fix"),
            ("is urging MPs", "is calling on MPs"),
        ],
        update=dict(
            hours=26,
            title="UK: New protest powers are 'another blow to the right to protest' (updated)",
            top=[
                "Update, 10 November: The Home Office has confirmed that the powers "
                "will be introduced as amendments to a bill already before Parliament, "
                "which means they will receive only limited scrutiny in the House of "
                "Commons.",
            ],
            bottom=[
                "More than 40 organisations, including trade unions, faith groups and "
                "environmental charities, have since signed a joint letter coordinated "
                "by Amnesty International UK asking the Home Secretary to withdraw the "
                "proposals.",
            ],
            edits=[
                ("announcement today of new powers", "announcement on 9 November of new powers"),
            ],
        ),
        recipes=["republished_same_site", "republished_same_site", "headline", "updated"],
    ),
    dict(
        key="executions-report-release",
        site="rightsfirst.example",
        section="news/press-releases",
        published="2026-11-25T00:01:00Z",
        title="Global executions reach ten-year high, Rights First International "
        "annual review finds",
        text="""
Executions recorded worldwide reached their highest level in ten years, Rights
First International said today as it published its annual review of the death
penalty, which found that at least 1,730 people were put to death in 17
countries in the 12 months to 30 September 2026.

The total, a 24% increase on the previous year, does not include the thousands
of executions believed to have been carried out in China, where data on the
death penalty is classified as a state secret.

"A small group of states is carrying out executions at a pace we have not seen
in years, and too many of the people being hanged are poor, foreign or from
minority communities," said Dr Nadia Farouk, Rights First International's
death penalty adviser. "Behind these numbers are trials that lasted minutes,
confessions extracted under torture and families told of an execution only
after the body had been buried."

Among the report's key findings: drug-related offences accounted for 39% of all
recorded executions; at least 28 people were executed for crimes committed
when they were under 18; and public executions were recorded in two countries.

There was also progress. Two countries abolished the death penalty for all
crimes during the period, bringing the number of fully abolitionist countries
to 115, and the number of countries known to have carried out executions fell
from 18 to 17.

Rights First International calls on all governments that retain the death
penalty to establish an official moratorium on executions as a first step
towards abolition, to commute all death sentences and to publish comprehensive
data on their use of capital punishment.

The report, Counting the Hanged: Death Sentences and Executions 2026, is based
on official figures, court judgments, information from people sentenced to
death and their families, and media reports.
""",
        titles=[
            "Death penalty review: 1,730 executions recorded, most in a decade",
            "'Trials that lasted minutes': executions surge to ten-year high",
        ],
        edits=[
            ("said today as it published", "said as it published"),
            ("There was also progress.", "There was also some progress."),
            ("calls on all governments", "is calling on all governments"),
        ],
        recipes=["republished_same_site", "republished_same_site", "headline", "wire_edit"],
    ),
    dict(
        key="whrd-online-abuse",
        site="rightsfirst.example",
        section="news/press-releases",
        published="2026-11-19T09:00:00Z",
        title="Women human rights defenders face surge in online abuse, global survey finds",
        text="""
Nearly three quarters of women human rights defenders have been targeted with
online abuse in the past year, and one in five say that threats made online
were followed by attacks or harassment offline, according to a global survey
published today by Rights First International.

The survey of 1,214 women activists, journalists and lawyers in 62 countries
found that 73% had received abusive messages, 41% had had intimate or
manipulated images of themselves shared without their consent, and 38% had
reduced or stopped their public work as a result.

"Online abuse is not a side effect of activism, it is a strategy to silence
women who speak up," said Priya Raman, Rights First International's head of
gender and technology. "When a defender is told every day that she will be
raped or killed, and the platform does nothing, the message to every other
woman watching is very clear."

Respondents said that abuse spiked after they commented on elections, sexual
and reproductive rights or armed conflicts, and that coordinated campaigns
often used fake accounts. More than half of those who reported abuse to a
social media company said they received no response.

The organisation is calling on technology companies to publish data on the
handling of abuse reports by country and language, to fund local-language
content moderation and to create fast-track reporting channels for human
rights defenders at risk.

It is also urging governments to investigate online threats against defenders
and to refrain from using cybercrime laws to prosecute the women who report
abuse.
""",
        titles=[
            "73% of women activists abused online, one in five attacked offline",
            "Survey: online threats are driving women defenders out of public life",
        ],
        edits=[
            ("published today by", "published by"),
            ("said Priya Raman", "said Priya Raman,"),
            ("More than half of those", "Over half of those"),
        ],
        recipes=["republished_same_site", "republished_same_site", "wire_edit", "headline"],
    ),
    dict(
        key="nairobi-evictions-experts",
        site="ohchr.example",
        section="en/press-releases",
        published="2026-11-12T14:00:00Z",
        title="Kenya: UN experts urge halt to forced evictions in Nairobi informal settlements",
        text="""
GENEVA (12 November 2026) – UN experts today called on the Government of Kenya
to immediately halt forced evictions in informal settlements along the Nairobi
River, warning that the demolition of thousands of homes since September had
left families homeless at the start of the rainy season.

"Tens of thousands of people, many of whom have lived in these settlements for
decades, have been given a few days' notice or none at all before bulldozers
arrived," the experts said. "Evictions carried out in this way, without genuine
consultation, adequate compensation or alternative housing, violate Kenya's
obligations under international human rights law."

According to information received by the experts, at least 6,300 structures
were demolished in the Mukuru and Mathare areas between September and
November as part of a river regeneration project. Residents reported that
police used tear gas and live ammunition to disperse people trying to save
their belongings, and that at least two people were killed.

The experts acknowledged the Government's aim of reducing flood risk and
restoring the river, but stressed that development projects must not render
people homeless. "Public interest projects must be carried out in a way that
respects the rights of those affected, and evictions must always be a last
resort," they said.

They urged the authorities to declare a moratorium on evictions until a
resettlement plan has been agreed with affected communities, to investigate the
deaths and to provide emergency shelter to those already displaced.

The experts have been in contact with the Government of Kenya on this matter.

The experts: Ana Lucía Ferreyra, Special Rapporteur on the right to adequate
housing; Tomasz Wierzbicki, Special Rapporteur on extreme poverty and human
rights; and Amara Diallo, Special Rapporteur on the rights to freedom of
peaceful assembly and of association.
""",
        titles=[
            "UN rights experts call for moratorium on Nairobi River demolitions",
            "'Bulldozers arrived without notice': experts condemn Nairobi evictions",
        ],
        edits=[
            ("UN experts today called on", "UN experts called on"),
            ("at least two people were killed", "that at least two people had been killed"),
            ("They urged the authorities", "The experts urged the authorities"),
        ],
        update=dict(
            hours=48,
            title="Kenya: UN experts urge halt to forced evictions in Nairobi informal "
            "settlements (updated with Government response)",
            top=[],
            bottom=[
                "Update (14 November 2026): In a note verbale received on 13 November, "
                "the Government of Kenya stated that all affected households had been "
                "registered for a relocation grant and that the demolitions concerned "
                "only structures built within 30 metres of the riverbank. The experts "
                "welcomed the response but said they remained concerned about reports "
                "that families had received no payment.",
            ],
            edits=[],
        ),
        recipes=[
            "republished_same_site",
            "republished_same_site",
            "wire_edit",
            "updated",
            "headline",
        ],
    ),
    dict(
        key="myanmar-airstrikes-ohchr",
        site="ohchr.example",
        section="en/press-briefing-notes",
        published="2026-11-06T10:30:00Z",
        title="Myanmar: UN Human Rights Office alarmed by sharp rise in airstrikes "
        "killing civilians",
        text="""
The UN Human Rights Office is alarmed by a sharp rise in airstrikes by the
Myanmar military that have killed civilians, including children, in Sagaing,
Magway and Rakhine since the beginning of October.

"We have verified the deaths of at least 214 civilians in airstrikes over the
past five weeks, including 41 children. The actual figure is likely to be
considerably higher. Airstrikes have hit schools, a monastery sheltering
displaced families, a crowded market and a wedding party. These attacks appear
to have been carried out with no regard for the principles of distinction,
proportionality and precaution," spokesperson Elena Marchetti told a press
briefing in Geneva on Friday.

"We remind the military that intentionally directing attacks against civilians
and civilian objects constitutes a war crime. Those responsible, including
commanders who ordered or failed to prevent such attacks, must be held
accountable," she said.

The deadliest single incident documented by the Office took place on 24 October
in Sagaing region, when a jet dropped two bombs on a village market, killing
at least 37 people.

The Office also expressed concern that the military continues to block
humanitarian access to areas it does not control, and that restrictions on
fuel and medicine have left hospitals unable to treat the wounded.

"We call on all States to stop the supply of jet fuel and weapons to the
Myanmar military, and we urge the Security Council to refer the situation in
Myanmar to the International Criminal Court," Marchetti said.
""",
        titles=[
            "UN rights office verifies 214 civilian deaths in Myanmar airstrikes",
        ],
        edits=[
            ("on Friday", "today"),
            ("also expressed concern", "also voiced concern"),
        ],
        recipes=["republished_same_site", "republished_same_site"],
    ),
    dict(
        key="prison-census-journalists",
        site="pressfreedom.example",
        section="reports",
        published="2026-11-30T09:00:00Z",
        title="At least 330 journalists behind bars worldwide, annual prison census finds",
        text="""
At least 330 journalists were in prison because of their work on 1 November
2026, the Committee for Free Press (CFP) said today in its annual prison census,
the second-highest figure since the organisation began counting in 1992.

China, Israel, Myanmar, Belarus and Iran were the five worst jailers of
journalists, together holding more than half of all those imprisoned. The
census also recorded sharp increases in Azerbaijan and Georgia, where new laws
on "foreign influence" have been used against independent media.

"Every name on this list is a story that someone did not want told," said CFP
executive director Hannah Osei. "Governments have discovered that they do not
need to ban journalism outright. It is enough to lock up a few reporters on
vague charges and let everyone else draw their own conclusions."

More than 60% of the imprisoned journalists were held on anti-state charges
such as terrorism, extremism or espionage, while at least 58 had not been
charged with any crime. CFP said that at least 22 of those in prison reported
being tortured or beaten in custody.

The number of women journalists in prison rose to 47, the highest ever
recorded. Freelancers accounted for more than a third of the total.

The census is a snapshot of those in government custody at 12.01 a.m. on 1
November. It does not include journalists who were detained and released
during the year, or those held by non-state armed groups.
""",
        titles=[
            "'Lock up a few reporters': jailed journalist count second-highest on record",
            "Press freedom group counts 330 journalists in prison",
        ],
        edits=[
            ("said today in its annual prison census", "said in its annual prison census"),
            ("rose to 47", "increased to 47"),
            ("were the five worst jailers", "were the top five jailers"),
        ],
        update=dict(
            hours=28,
            title="At least 330 journalists behind bars worldwide, annual prison census "
            "finds (updated)",
            top=[],
            bottom=[
                "Correction, 1 December 2026: An earlier version of this report said "
                "that 49 women journalists were in prison. The correct figure is 47.",
                "Since the census date, at least three of the journalists listed have "
                "been released, including two in Azerbaijan who were freed under a "
                "presidential pardon on 28 November. CFP continues to call for the "
                "release of all others.",
            ],
            edits=[
                (
                    "said today in its annual prison census",
                    "said on 30 November in its annual prison census",
                ),
            ],
        ),
        recipes=[
            "republished_same_site",
            "republished_same_site",
            "headline",
            "updated",
            "wire_edit",
        ],
    ),
    dict(
        key="niger-delta-flaring-suit",
        site="climateaction.example",
        section="news",
        published="2026-11-04T08:00:00Z",
        title="Niger Delta communities take oil company to court over decades of gas flaring",
        text="""
Four communities in Nigeria's Niger Delta have filed a lawsuit at the Federal
High Court in Port Harcourt against an oil company whose gas flares, they say,
have poisoned their air and water for more than 40 years, the Climate Action
Coalition announced today.

The claimants, from Ebocha, Obrikom, Izombe and Oshie, are seeking an order to
stop routine flaring at three flow stations, compensation for damage to health
and farmland, and a court-supervised clean-up. The suit names the operator and
the Nigerian National Petroleum Company as defendants.

"For as long as I have been alive, the sky above my village has never been
dark at night. Our children cough, our crops fail and our rainwater is black,"
said Chief Godwin Amadi, one of the lead claimants from Ebocha. "We are not
asking for charity. We are asking the court to make them obey the law."

Routine gas flaring has been illegal in Nigeria since 1984, but companies have
been allowed to continue on payment of penalties that campaigners say are far
lower than the cost of capturing the gas. Satellite data analysed for the case
show that the three flow stations flared the equivalent of 1.2 million tonnes of
carbon dioxide last year.

The Climate Action Coalition, which is supporting the claimants together with
local lawyers, said the case was the first to combine health, environmental and
climate claims against flaring in a Nigerian court.

The company said in a statement that it complied with all applicable
regulations and was investing in projects to reduce flaring.
""",
        titles=[
            "'The sky above my village has never been dark': Delta villages sue over gas flares",
            "Four Nigerian communities launch legal action to end routine gas flaring",
        ],
        edits=[
            ("announced today", "announced"),
            ("far lower than the cost", "much lower than the cost"),
            ("said in a statement that", "said in a statement to the press that"),
        ],
        update=dict(
            hours=50,
            title="Niger Delta communities take oil company to court over decades of gas "
            "flaring - first hearing set",
            top=[],
            bottom=[
                "Update, 6 November: The Federal High Court has fixed the first hearing "
                "in the case for 19 January 2027. The claimants' lawyers said they "
                "would ask the court for an interim order requiring the company to "
                "publish monitoring data from the three flow stations.",
            ],
            edits=[
                (
                    "the Climate Action Coalition announced today",
                    "the Climate Action Coalition announced on Wednesday",
                ),
            ],
        ),
        recipes=["republished_same_site", "republished_same_site", "headline", "updated"],
    ),
    dict(
        key="asylum-backlog-charity",
        site="refugeecouncil.example",
        section="latest/news",
        published="2026-11-19T07:00:00Z",
        title="Asylum backlog leaves 90,000 people in limbo, charity warns",
        text="""
More than 90,000 people are waiting for an initial decision on their asylum
claim, and over a third of them have been waiting for more than a year, the
Refugee Action Council said today, warning that the backlog is pushing people
into destitution and poor mental health.

An analysis of Home Office data by the charity found that 31,400 people had
been waiting longer than 12 months, including about 4,100 children. The number
of asylum caseworkers fell by 14% over the past year as staff were moved to
other parts of the department.

"Behind every number is a person who cannot work, cannot plan and cannot start
rebuilding their life. We hear from people who have been waiting so long that
they have stopped opening their post," said the charity's chief executive,
Hassan Mir.

People seeking asylum are not normally allowed to work while they wait and
receive a weekly allowance of about £49 if they are housed in self-catering
accommodation, or less than £10 if they are placed in a hotel.

The charity is calling on the Home Office to recruit and retain more
caseworkers, to grant permission to work to anyone who has waited more than six
months for a decision, and to end the use of hotels and large sites such as
former military bases.

A Home Office spokesperson said the government had "taken decisive action to
clear the backlog" and that the number of claims awaiting a decision was lower
than its peak in 2023.
""",
        titles=[
            "31,400 asylum seekers waiting more than a year for decision",
            "Charity calls for right to work as asylum backlog tops 90,000",
        ],
        edits=[
            ("said today", "said"),
            ("fell by 14%", "dropped by 14%"),
            ("The charity is calling on", "The charity called on"),
        ],
        update=dict(
            hours=10,
            title="Asylum backlog leaves 90,000 people in limbo, charity warns – minister responds",
            top=[],
            bottom=[
                "Speaking in the House of Commons later on Thursday, the immigration "
                "minister said the government would publish a plan to cut waiting times "
                "before the end of the year, but rejected calls to extend the right to "
                'work, saying it would act as a "pull factor".',
                'The Refugee Action Council said it was "disappointed" by the response '
                "and would continue to press for change.",
            ],
            edits=[
                (
                    "the Refugee Action Council said today",
                    "the Refugee Action Council said on Thursday",
                ),
            ],
        ),
        recipes=[
            "republished_same_site",
            "republished_same_site",
            "wire_edit",
            "trimmed",
            "updated",
        ],
    ),
    dict(
        key="mexico-disappeared-farmworkers",
        site="amnesty.example",
        section="latest/press-releases",
        published="2026-11-22T16:00:00Z",
        title="Mexico: Authorities must step up search for 11 disappeared farmworkers",
        text="""
The Mexican authorities must urgently step up the search for 11 farmworkers who
disappeared in Sinaloa state three weeks ago and keep their families informed of
every development, Amnesty International said today.

The men, aged between 19 and 52, were taken from a bus carrying them from a
tomato farm near Culiacán to their lodgings on 31 October. Witnesses told their
relatives that armed men in several vehicles stopped the bus and forced the
workers out, while the driver and two women passengers were released.

"Three weeks on, the families of these 11 men still do not know whether anyone
is actually looking for them. They have had to organise their own search
brigades and pay for their own fuel," said Lucía Mendoza, Amnesty
International's Americas researcher. "The state's silence is adding to their
suffering."

The state prosecutor's office has opened an investigation but has not said
whether any suspects have been identified. Relatives say they have been told
to wait and not to speak to the media.

More than 130,000 people are registered as missing or disappeared in Mexico,
according to official figures, most of them since 2006. Sinaloa has seen a
sharp increase in disappearances since fighting broke out between rival
factions of a criminal group in 2024.

Amnesty International is calling on the federal and state authorities to
deploy the National Search Commission to the area, to guarantee the safety of
the families' search brigades and to ensure that any remains found are
identified promptly and with the participation of the families.
""",
        titles=[
            "Families of 11 men taken from Sinaloa bus forced to search on their own",
            "Sinaloa: 'Is anyone actually looking for them?'",
        ],
        edits=[
            ("said today", "said"),
            ("step up the search", "intensify the search"),
            ("has opened an investigation", "has opened an inquiry"),
        ],
        recipes=["republished_same_site", "republished_same_site", "headline"],
    ),
    dict(
        key="sahel-unhcr-appeal",
        site="un-news.example",
        section="story",
        published="2026-11-26T12:00:00Z",
        title="Sahel displacement soars as UN refugee agency appeals for $1.2 billion",
        text="""
The number of people forced from their homes in the central Sahel has risen to
more than 4.2 million, the UN refugee agency (UNHCR) said on Thursday as it
launched an appeal for $1.2 billion to help displaced families and the
communities hosting them through 2027.

Burkina Faso, Mali and Niger account for most of the displacement, driven by
attacks by armed groups, military operations and the effects of climate change
on farming and grazing land. Neighbouring coastal states, including Ghana,
Togo, Benin and Côte d'Ivoire, have seen a steady rise in refugee arrivals.

"This is one of the fastest-growing displacement crises in the world, and one
of the least funded," said Aminata Koné, UNHCR's regional director for West and
Central Africa. "Families are fleeing with nothing and arriving in communities
that were already struggling to feed themselves."

The agency said its operations in the region received only 32 per cent of the
funds they needed this year, forcing it to cut food assistance, shelter
programmes and support for survivors of gender-based violence.

Humanitarian access is severely restricted in many areas. Aid workers have been
killed and abducted, and roads into several besieged towns have been cut for
months, meaning supplies can only be delivered by air.

UNHCR said the new appeal would also fund programmes to help refugees and host
communities earn a living, including support for farming cooperatives, and
called on donors to make multi-year commitments.
""",
        titles=[
            "UNHCR: 4.2 million displaced in central Sahel, appeal only a third funded",
            "'Fastest-growing, least funded': UN agency sounds alarm on Sahel",
        ],
        edits=[
            ("said on Thursday", "said"),
            ("have seen a steady rise", "have seen a rise"),
            ("severely restricted", "highly restricted"),
        ],
        update=dict(
            hours=6,
            title="Sahel displacement soars as UN refugee agency appeals for $1.2 billion",
            top=[],
            bottom=[
                "Later on Thursday, the European Union announced an additional 85 "
                "million euros in humanitarian aid for the central Sahel, part of which "
                "will go to UNHCR's appeal.",
                "The United Kingdom and Germany said they would announce their "
                "contributions at a pledging conference planned for January.",
            ],
            edits=[
                ("received only 32 per cent", "had received only 32 per cent"),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated", "headline"],
    ),
    # ----------------------------------------------------- newspapers' own
    dict(
        key="lez-council-vote",
        site="citytimes.example",
        section="news/local",
        published="2026-11-05T22:30:00Z",
        title="Council approves low-emission zone after nine-hour meeting",
        text="""
Councillors approved a low-emission zone covering the whole of the city centre
late on Thursday after a nine-hour meeting that was repeatedly interrupted by
protesters in the public gallery.

The plan, passed by 34 votes to 27, will charge owners of older petrol and
diesel vehicles £9 a day to drive inside the ring road from September 2027.
Buses, taxis and delivery vans will have to meet the standards a year earlier.

Council leader Priya Shah said the zone was needed to bring nitrogen dioxide
levels below legal limits on six streets where they have been breached every
year since 2019. "We have a legal and moral duty to act. Children walking to
school on these roads are breathing air that is damaging their lungs," she
told the chamber.

Opposition councillors said the charge would hit low-income families and small
businesses hardest, and called for a referendum. "This is a tax on people who
cannot afford a new car," said Conservative group leader Martin Doyle.

About 200 people protested outside the town hall before the meeting, and the
mayor suspended proceedings twice after shouting from the gallery. Police said
there were no arrests.

The council will offer scrappage grants of up to £3,000 for residents on
means-tested benefits and exemptions for blue badge holders until 2029.
A public consultation last year received more than 11,000 responses, 54% of
them opposed to the scheme.
""",
        titles=[
            "City centre clean air zone gets green light despite protests",
            "£9 daily charge for older cars as councillors back emissions zone",
        ],
        edits=[],
        update=dict(
            hours=11,
            title="Council approves low-emission zone after nine-hour meeting - "
            "opponents vow legal challenge",
            top=[],
            bottom=[
                "On Friday morning, a campaign group that opposes the zone said it had "
                "instructed lawyers to seek a judicial review of the decision, arguing "
                "that the council had not properly assessed the impact on disabled "
                "drivers and shift workers.",
                "The council said it was confident the decision had been taken lawfully.",
            ],
            edits=[
                ("late on Thursday", "late on Thursday night"),
            ],
        ),
        recipes=["headline", "updated"],
    ),
    dict(
        key="damp-mould-tenants",
        site="dailypaper.example",
        section="news/uk",
        published="2026-11-09T06:00:00Z",
        title="Tenants win landmark damp and mould case against housing association",
        text="""
Forty-two tenants of a housing association in the north-west have won a case
over damp and mould in their homes, in what campaigners described as one of the
largest group claims of its kind.

A county court judge ruled on Friday that the association had breached its
repairing obligations for at least three years and ordered it to carry out
works to all 42 flats within six months. It must also pay compensation
totalling £612,000.

The tenants, who live on the Brookfield estate, told the court that black mould
had spread across bedroom walls and into children's clothes and toys, and that
repeated complaints had been answered with advice to open windows.

"My youngest has asthma and he was in hospital three times last winter. They
kept telling us it was condensation from drying laundry," said Donna Whitlow,
one of the claimants. "Today a judge has said what we have been saying all
along."

The association said it accepted the judgment and apologised to residents. It
said it had already begun a £4m programme to replace windows and ventilation on
the estate.

New rules requiring social landlords to investigate damp and mould within a
fixed time came into force in England in 2025, following the death of
two-year-old Awaab Ishak in Rochdale in 2020. Housing charities say many
tenants are still waiting months for repairs.

The tenants were represented by a law centre that took the case on a no-win,
no-fee basis.
""",
        titles=[
            "'They told us to open the windows': 42 tenants win mould claim",
            "Housing association ordered to pay £612,000 over damp flats",
        ],
        edits=[],
        insert=(3, "Several tenants wept as the judgment was read."),
        update=dict(
            hours=8,
            title="Tenants win landmark damp and mould case; regulator opens inquiry",
            top=[
                "The social housing regulator has opened an investigation into a "
                "housing association that lost a damp and mould case brought by 42 of "
                "its tenants, it said on Monday.",
                "The regulator said it would examine whether the association had "
                "breached consumer standards and could order it to commission an "
                "independent survey of all its homes. A spokesperson said the inquiry "
                'would "look at how complaints were handled over several years".',
            ],
            bottom=[],
            drop_last=1,
            edits=[
                (
                    "Forty-two tenants of a housing association in the north-west have won",
                    "On Friday, 42 tenants of the association in the north-west won",
                ),
            ],
        ),
        recipes=["headline", "updated"],
    ),
    dict(
        key="mayoral-byelection-turnout",
        site="theherald.example",
        section="politics",
        published="2026-11-20T02:15:00Z",
        title="Turnout slumps to record low in mayoral by-election",
        text="""
Fewer than one in five eligible voters took part in Thursday's mayoral
by-election, the lowest turnout for a mayoral contest since the post was
created, according to figures released in the early hours of Friday.

Turnout was 19.4%, down from 33.1% at the last full election in 2024. Returning
officers said postal voting held up, but very few people voted in person,
particularly in the outer wards, where it fell below 15% in places.

Independent candidate Ruth Adeyemi won with 41% of first-preference votes,
becoming the first mayor not backed by a national party. The by-election was
triggered by the resignation of the previous mayor in September after an
inquiry into council contracts.

"People have told me on every doorstep that they have lost faith in politics
here. I will have to earn it back, and I know that most people did not vote for
anyone," Adeyemi said in her victory speech.

Electoral reform campaigners said the result showed the need for polling
stations to open at weekends and for a public information campaign about voter
identification rules, which some voters said had put them off.

The count was delayed by two hours after a ballot box from one ward was found
to have been sealed incorrectly. The returning officer said no ballots had been
lost.
""",
        titles=[
            "Independent wins mayoralty as fewer than one in five vote",
            "'Most people did not vote for anyone': new mayor on record low turnout",
        ],
        edits=[],
        insert=(1, "About 1,200 ballots were rejected."),
        update=dict(
            hours=12,
            title="Turnout slumps to record low in mayoral by-election as independent Adeyemi wins",
            top=[],
            bottom=[
                "In a statement on Friday afternoon, the council said it would review "
                "the location of polling stations before the next local elections and "
                "would write to every household about voter identification rules.",
            ],
            edits=[
                (
                    "according to figures released in the early hours of Friday",
                    "according to official figures released in the early hours of Friday",
                ),
            ],
        ),
        recipes=["headline", "updated"],
    ),
    dict(
        key="motorway-protesters-acquitted",
        site="dailypaper.example",
        section="news/uk",
        published="2026-11-13T17:45:00Z",
        title="Jury acquits six climate protesters who climbed motorway gantries",
        text="""
Six climate protesters who climbed gantries over a motorway, forcing police to
close it for several hours, have been acquitted of causing a public nuisance
after a jury accepted that they had acted out of conscience.

The defendants, aged between 23 and 71, were cleared at the crown court on
Thursday after a two-week trial. The jury deliberated for just under five
hours.

The prosecution said the protest in April 2025 had caused tailbacks of up to
18 miles and had cost businesses and commuters tens of thousands of pounds.
The defendants did not dispute that they had climbed the gantries but argued
that the disruption was a reasonable response to the threat of climate
breakdown.

Under rules introduced after earlier acquittals, defendants in such cases are
restricted in what they can say to juries about their motives. Several of the
six were warned by the judge during their evidence after they began describing
the science of climate change.

"Twelve ordinary people listened to us and decided that what we did was not a
crime. That should worry the government more than any protest," said Margaret
Ellison, 71, a retired teacher, outside court.

The Crown Prosecution Service said it respected the jury's verdict. Police
said the operation to remove the protesters had involved more than 40 officers.
""",
        titles=[
            "Motorway gantry climbers cleared by jury",
            "'Not a crime': retired teacher among six climate activists acquitted",
        ],
        edits=[],
        insert=(1, "Supporters in the public gallery applauded."),
        update=dict(
            hours=20,
            title="Jury acquits six climate protesters who climbed motorway gantries; "
            "minister criticises verdict",
            top=[
                'The policing minister has said she is "deeply disappointed" by the '
                "acquittal of six climate protesters who climbed motorway gantries, "
                "and that the government would look at whether the law on public "
                "nuisance needs to be changed.",
                "Speaking in the Commons on Friday, she said juries must be able to "
                "apply the law as Parliament intended, and that she had asked officials "
                "for advice on the options, including a review by the Law Commission.",
            ],
            bottom=[],
            edits=[
                (
                    "The Crown Prosecution Service said it respected",
                    "The Crown Prosecution Service said on Thursday it respected",
                ),
            ],
        ),
        recipes=["headline", "updated"],
    ),
    dict(
        key="source-protection-appeal",
        site="theherald.example",
        section="news/media",
        published="2026-11-17T13:00:00Z",
        title="Newspaper wins appeal against order to reveal confidential source",
        text="""
The Herald has won its appeal against a court order that would have required
it to hand over material identifying a confidential source behind its
reporting on unsafe conditions at a privately run immigration detention
centre.

Three Court of Appeal judges ruled on Tuesday that the order, made last year at
the request of the company that runs the centre, was a disproportionate
interference with freedom of expression and the protection of journalistic
sources.

The company had argued that it needed to identify the source in order to
pursue a claim for breach of confidence against a former employee. The judges
said the public interest in the reporting, which led to a government inspection
and the suspension of two managers, "clearly outweighed" the company's private
interest.

"Sources who come forward to reveal wrongdoing must be able to trust that
journalists will protect them. Without that trust, stories like this one would
never be told," said the Herald's editor, Fiona Grant.

Press freedom organisations, which had intervened in the case, welcomed the
judgment. The company said it was disappointed and was considering whether to
seek permission to appeal to the Supreme Court.

The original order, by a High Court judge, would have required the newspaper to
hand over emails, notes and phone records. The Herald had said it would refuse
to comply even if it lost the appeal.
""",
        titles=[
            "Court of Appeal backs Herald over detention centre source",
            "Judges overturn order to unmask whistleblower who spoke to the Herald",
        ],
        edits=[],
        update=dict(
            hours=30,
            title="Newspaper wins appeal against order to reveal confidential source - "
            "company will not appeal further",
            top=[],
            bottom=[
                "On Wednesday evening, the company said it had decided not to seek "
                "permission to appeal to the Supreme Court and would pay the newspaper's "
                "legal costs.",
            ],
            edits=[
                (
                    "The company said it was disappointed and was considering whether to "
                    "seek permission to appeal to the Supreme Court.",
                    "The company initially said it was disappointed and was considering an appeal.",
                ),
            ],
        ),
        recipes=["headline", "updated"],
    ),
    dict(
        key="afghan-families-market-town",
        site="citytimes.example",
        section="news/local",
        published="2026-11-23T07:00:00Z",
        title="A year on, Afghan families resettled in market town say they have found a home",
        text="""
When the Rahimi family arrived at the railway station last November, they had
four suitcases, no English between the children and an address on a piece of
paper. A year later, the eldest daughter is studying for her A-levels and her
father has opened a small tailoring business on the high street.

They are one of seven Afghan families resettled in the town under a government
scheme for people who worked with British forces or who were considered at
risk after the Taliban took power in 2021. Local churches, a mosque and a group
of volunteers set up a welcome committee that found furniture, arranged
English lessons and helped with school places.

"We came with fear. We did not know if people would accept us," said Abdul
Rahimi, 46, who worked as an interpreter for British troops in Helmand. "Now
my neighbours knock on my door to ask me to shorten their trousers."

Not everything has been easy. Two families are still living in temporary
accommodation because of a shortage of larger homes, and several adults with
professional qualifications have struggled to find work that matches their
skills.

The council said the scheme had been a success and that it would take three
more families next year if suitable housing could be found. Volunteers have
started a fund to help cover the cost of qualification conversion courses.
""",
        titles=[
            "From interpreter to high-street tailor: Afghan family's first year",
            "Seven Afghan families, one year: how a town made room",
        ],
        edits=[],
        insert=(2, "He still has nightmares about the airport in Kabul."),
        update=dict(
            hours=30,
            title="A year on, Afghan families resettled in market town say they have found a home",
            top=[],
            bottom=[
                "Since this article was first published, a local housing association has "
                "offered a four-bedroom house to one of the two families in temporary "
                "accommodation, the council said.",
                "Readers who would like to support the volunteers' qualification fund "
                "can contact the welcome committee through the town's community centre.",
            ],
            edits=[
                ("When the Rahimi family arrived", "When the Rahimi family first arrived"),
            ],
        ),
        recipes=["headline", "updated"],
    ),
]
