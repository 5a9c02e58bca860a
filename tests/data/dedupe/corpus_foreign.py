"""Base articles, part 2: agency stories in French, Spanish and German.

Same fields as corpus_wire.py; ``lang`` picks the republishing outlets and
keeps English house-style edits away from these texts.  All events, people,
quotes and figures are fictional.
"""

from typing import Any

BASES: list[dict[str, Any]] = [
    dict(
        key="fr-dissolution-collectif",
        lang="fr",
        site="agence.example",
        section="france/justice",
        published="2026-11-05T14:00:00Z",
        title="Le Conseil d'État suspend la dissolution du collectif écologiste "
        "« Terres vivantes »",
        dateline="PARIS (Agence) — ",
        text="""
Le Conseil d'État a suspendu jeudi le décret de dissolution du collectif
écologiste « Terres vivantes », estimant qu'il existait un « doute sérieux » sur
sa légalité, un revers pour le gouvernement qui accusait le mouvement de
provocations à la violence.

Le juge des référés de la plus haute juridiction administrative a considéré que
les éléments avancés par le ministère de l'Intérieur, notamment des
publications sur les réseaux sociaux appelant à « désarmer » des chantiers de
retenues d'eau, ne suffisaient pas à établir que le collectif provoquait à des
agissements violents contre les personnes.

« La dissolution d'une association est une mesure d'une exceptionnelle gravité,
qui porte atteinte à la liberté d'association, principe fondamental reconnu par
les lois de la République », rappelle l'ordonnance.

L'avocate du collectif, Me Claire Dufresne, a salué « une décision qui rappelle
que l'écologie n'est pas un délit ». « Le gouvernement a voulu faire taire un
mouvement qui dérange, le juge lui rappelle qu'il existe un État de droit »,
a-t-elle déclaré à l'Agence.

Le ministère de l'Intérieur a « pris acte » de la décision et indiqué qu'il
attendrait l'examen de l'affaire au fond, prévu dans les prochains mois.

Créé en 2022, le collectif revendique plusieurs milliers de membres et a
organisé ces derniers mois des rassemblements contre des projets de
« mégabassines » dans l'ouest de la France, dont certains ont donné lieu à des
affrontements avec les forces de l'ordre.

En 2023, le Conseil d'État avait déjà annulé la dissolution d'un autre
mouvement écologiste, jugeant qu'elle n'était pas proportionnée aux faits
reprochés.
""",
        credit="(Agence — rédaction de Paris)",
        titles=[
            "Écologie : la justice administrative bloque la dissolution de « Terres vivantes »",
            "Revers pour l'Intérieur : « Terres vivantes » ne sera pas dissous pour l'instant",
            "Le Conseil d'État émet un « doute sérieux » sur la dissolution d'un collectif",
        ],
        edits=[
            ("a suspendu jeudi", "a suspendu ce jeudi"),
            ("a-t-elle déclaré à l'Agence", "a-t-elle ajouté"),
            ("dans les prochains mois", "d'ici quelques mois"),
        ],
        insert=(4, "Le collectif avait saisi le juge en urgence le 24 octobre."),
        recipes=["wire_edit", "trimmed"],
    ),
    dict(
        key="fr-centres-retention",
        lang="fr",
        site="agence.example",
        section="france/societe",
        published="2026-11-18T09:30:00Z",
        title="Centres de rétention : un observatoire dénonce une surpopulation « inédite »",
        dateline="PARIS (Agence) — ",
        text="""
Les centres de rétention administrative (CRA) n'ont jamais été aussi remplis,
alerte mercredi l'Observatoire des lieux d'enfermement (OLE), qui décrit dans
son rapport annuel des conditions de vie « indignes » et une hausse des
violences entre personnes retenues.

Selon l'association, le taux d'occupation moyen des 26 centres de l'Hexagone a
atteint 94 % au premier semestre, contre 81 % un an plus tôt. Dans plusieurs
établissements, des personnes ont dû dormir sur des matelas posés au sol,
faute de lits disponibles.

« On enferme plus longtemps des personnes qui ne sont pas plus souvent
expulsées. La rétention devient une fin en soi », résume Mathilde Berthier,
coordinatrice du rapport.

L'allongement de la durée maximale de rétention, adopté l'an dernier, a
mécaniquement fait grimper le nombre de personnes présentes chaque jour,
souligne l'OLE. Or le taux d'éloignement effectif reste inférieur à 45 %, selon
ses calculs.

Le rapport pointe aussi un accès insuffisant aux soins, en particulier
psychiatriques, et relève onze tentatives de suicide recensées dans les seuls
centres de Vincennes et du Mesnil-Amelot.

Sollicité, le ministère de l'Intérieur assure que « les conditions de rétention
font l'objet d'un suivi attentif » et rappelle que 400 places supplémentaires
doivent ouvrir d'ici 2027. L'association demande au contraire un moratoire sur
la construction de nouveaux centres.
""",
        credit="(Agence — service Société)",
        titles=[
            "Rétention administrative : des centres pleins à 94 %, selon l'OLE",
            "Matelas au sol, violences, suicides : le rapport accablant sur les CRA",
            "CRA : l'Observatoire des lieux d'enfermement tire la sonnette d'alarme",
        ],
        edits=[
            ("alerte mercredi", "alerte ce mercredi"),
            ("résume Mathilde Berthier", "explique Mathilde Berthier"),
            ("a mécaniquement fait grimper", "a fait mécaniquement augmenter"),
        ],
        insert=(1, "Le rapport s'appuie sur plus de 300 visites."),
        update=dict(
            hours=10,
            title="Centres de rétention : après le rapport de l'OLE, la Défenseure des "
            "droits demande des visites inopinées",
            top=[],
            bottom=[
                "Dans la soirée, la Défenseure des droits a demandé au gouvernement "
                "d'autoriser des visites inopinées de ses services dans tous les "
                "centres et s'est dite « particulièrement préoccupée » par la "
                "situation des personnes souffrant de troubles psychiatriques.",
            ],
            edits=[
                ("Sollicité, le ministère", "Sollicité par l'Agence, le ministère"),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
    dict(
        key="es-corte-idh-periodista",
        lang="es",
        site="agencia.example",
        section="america/justicia",
        published="2026-11-09T16:30:00Z",
        title="La Corte Interamericana condena a Guatemala por la desaparición de un "
        "periodista en 2015",
        dateline="San José, 9 nov (Agencia).- ",
        text="""
La Corte Interamericana de Derechos Humanos (Corte IDH) declaró este lunes al
Estado de Guatemala responsable internacionalmente por la desaparición forzada
del periodista Ernesto Tzul, visto por última vez en marzo de 2015 en el
departamento de Huehuetenango.

En su sentencia, el tribunal con sede en San José concluyó que agentes de la
Policía Nacional Civil participaron en la detención del reportero y que las
autoridades no investigaron el caso con la debida diligencia durante más de una
década.

"El Estado no adoptó las medidas razonables para prevenir la desaparición, pese
a tener conocimiento del riesgo real e inmediato que enfrentaba el periodista",
señala la sentencia.

Tzul, de 38 años en el momento de su desaparición, trabajaba para una radio
comunitaria y había denunciado la contaminación de ríos por una empresa minera.
Días antes de desaparecer había pedido protección a la fiscalía tras recibir
amenazas de muerte.

La Corte ordenó a Guatemala reabrir la investigación, buscar el paradero del
periodista, pagar una indemnización a su familia y crear un mecanismo de
protección para periodistas en un plazo de 18 meses.

"Diez años después, por fin alguien nos dice que no estábamos locos, que a mi
hermano se lo llevaron", dijo a Agencia su hermana, Rosa Tzul.

El Gobierno guatemalteco no se pronunció de inmediato sobre el fallo, que es
vinculante y no admite apelación.
""",
        credit="(Agencia)",
        titles=[
            "Guatemala, responsable de la desaparición forzada del periodista Ernesto Tzul",
            "Corte IDH ordena a Guatemala buscar a periodista desaparecido hace una década",
            "Fallo histórico: la Corte IDH condena a Guatemala por el caso Tzul",
        ],
        edits=[
            ("declaró este lunes", "declaró el lunes"),
            ("no se pronunció de inmediato", "no se había pronunciado hasta el momento"),
            ("en un plazo de 18 meses", "en un máximo de 18 meses"),
        ],
        insert=(3, "La radio cerró poco después."),
        recipes=["wire_edit", "trimmed"],
    ),
    dict(
        key="es-tapachula-varados",
        lang="es",
        site="agencia.example",
        section="america/migracion",
        published="2026-11-14T20:00:00Z",
        title="ONG alertan de miles de migrantes varados en Tapachula sin acceso a refugio",
        dateline="Ciudad de México, 14 nov (Agencia).- ",
        text="""
Más de 9.000 personas migrantes permanecen varadas en la ciudad mexicana de
Tapachula, en la frontera con Guatemala, a la espera de una cita para solicitar
refugio, denunció este sábado una coalición de organizaciones humanitarias.

La coalición, que reúne a albergues y grupos de derechos humanos, afirmó que la
oficina local de la Comisión Mexicana de Ayuda a Refugiados (Comar) atiende a
menos de 200 personas al día y que las citas se están otorgando para marzo de
2027.

"Hay familias durmiendo en las plazas con bebés de meses. La gente no puede
trabajar legalmente ni salir de la ciudad, así que quedan atrapadas", dijo
Lucía Hernández, coordinadora de un albergue.

La mayoría de las personas varadas proceden de Venezuela, Honduras, Haití y
Cuba, aunque las organizaciones también registran un aumento de solicitantes
de países africanos.

Tapachula, en el estado de Chiapas, es desde hace años el principal punto de
entrada de migrantes a México por su frontera sur. Las restricciones para
avanzar hacia el norte y el cierre de las vías legales de entrada a Estados
Unidos han convertido a la ciudad en lo que los activistas llaman una "cárcel a
cielo abierto".

La Comar no respondió de inmediato a una solicitud de comentarios. En
ocasiones anteriores, el organismo ha atribuido los retrasos a la falta de
presupuesto y personal.
""",
        credit="(Agencia)",
        titles=[
            "Tapachula: más de 9.000 migrantes esperan cita para pedir refugio",
            "Organizaciones denuncian 'cárcel a cielo abierto' en la frontera sur de México",
            "Citas para marzo de 2027: el colapso del sistema de refugio en Chiapas",
        ],
        edits=[
            ("denunció este sábado", "denunció el sábado"),
            ("no respondió de inmediato", "no respondió"),
            ("proceden de Venezuela", "provienen de Venezuela"),
        ],
        insert=(2, "Los albergues están al doble de su capacidad."),
        recipes=["wire_edit", "trimmed"],
    ),
    dict(
        key="de-angriffe-reporter",
        lang="de",
        site="dienst.example",
        section="inland/medien",
        published="2026-11-10T12:30:00Z",
        title="Journalistenverband: Angriffe auf Reporter bei Demonstrationen deutlich gestiegen",
        dateline="Berlin (dienst) - ",
        text="""
Die Zahl der Angriffe auf Journalistinnen und Journalisten bei Demonstrationen
in Deutschland ist nach Angaben des Deutschen Medienverbands (DMV) deutlich
gestiegen. In den ersten zehn Monaten des Jahres seien 143 tätliche Angriffe
dokumentiert worden, teilte der Verband am Dienstag in Berlin mit. Im gesamten
Vorjahr waren es 97.

Die meisten Übergriffe ereigneten sich demnach am Rande von Kundgebungen extremistischer
Gruppen, bei Bauernprotesten und bei Demonstrationen zum
Nahost-Konflikt. In mehreren Fällen seien Kameraleute geschlagen und ihre
Ausrüstung zerstört worden.

"Wer Reporterinnen und Reporter angreift, greift das Recht aller Bürgerinnen
und Bürger an, sich unabhängig zu informieren", sagte die DMV-Vorsitzende
Katrin Albers. Die Polizei müsse Medienvertreter bei Demonstrationen besser
schützen.

Der Verband forderte die Innenministerkonferenz auf, in allen Bundesländern
feste Ansprechpersonen für die Presse bei Großlagen einzurichten. Zudem müssten
Ermittlungsverfahren schneller geführt werden: Nur in knapp einem Fünftel der
Fälle sei bislang Anklage erhoben worden.

Besonders betroffen seien freie Journalistinnen und Journalisten, die oft ohne
Begleitschutz arbeiteten und sich teure Schutzausrüstung nicht leisten könnten.

Das Bundesinnenministerium verwies auf Anfrage auf die Zuständigkeit der
Länder.
""",
        credit="(dienst/kab)",
        titles=[
            "143 Angriffe auf Medienschaffende: Verband fordert mehr Schutz",
            "Pressefreiheit: Übergriffe bei Demos nehmen zu",
            "DMV-Bilanz: Gewalt gegen Reporter erreicht neuen Höchststand",
        ],
        edits=[
            ("teilte der Verband am Dienstag in Berlin mit", "teilte der Verband am Dienstag mit"),
            ("deutlich gestiegen", "stark gestiegen"),
            ("verwies auf Anfrage", "verwies auf dienst-Anfrage"),
        ],
        insert=(1, "Auch verbale Bedrohungen hätten zugenommen."),
        update=dict(
            hours=4,
            title="Angriffe auf Reporter: Innenminister kündigen Gespräche mit Medienverbänden an",
            top=[],
            bottom=[
                "Der Vorsitzende der Innenministerkonferenz kündigte am Nachmittag an, "
                "das Thema bei der nächsten Sitzung im Dezember zu beraten. Man nehme "
                'die Zahlen "sehr ernst" und wolle gemeinsam mit den Medienverbänden '
                "über bessere Schutzkonzepte sprechen, sagte er.",
            ],
            edits=[
                ("Das Bundesinnenministerium verwies", "Das Bundesinnenministerium hatte zuvor"),
                (
                    "auf die Zuständigkeit der Länder.",
                    "auf die Zuständigkeit der Länder verwiesen.",
                ),
            ],
        ),
        recipes=["wire_edit", "trimmed", "updated"],
    ),
]
