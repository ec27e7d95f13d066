"""Benchmark corpora: French news articles generated from templates and word lists we wrote.

Seeded, so every run reads the same texts. Six kinds of article, ~300 words each:
market reports, sport, politics, tech product news, job news and funding news. The kinds
that are not funding news still carry figures (index points, salaries, budgets, prices),
as real feeds do, so the cascade meets amounts that are not funding events.

    python corpus/bench/generate.py --kind mix --n 200 > mix.jsonl   # one CONTRACT line a doc
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys

# -- word lists ------------------------------------------------------------------------
SYL1 = ["Ner", "Val", "Ori", "Kal", "Zen", "Mob", "Lum", "Vér", "Tal", "Sol", "Qua", "Dat", "Hel",
        "Ax", "Bri", "Cor", "Fly", "Gre", "Ost", "Pix", "Syn", "Tri", "Ula", "Wat", "Yom"]
SYL2 = ["exa", "ido", "ari", "onia", "eo", "ix", "ova", "alis", "ora", "yne", "ium", "ello", "ify",
        "opa", "ence", "ora", "ika", "umi", "ens", "ada"]
SUFFIX = ["", "", "", " Labs", " Technologies", " AI", " Health", " Energy", " Robotics", " Bio"]
SECTORS = ["la logistique urbaine", "la cybersécurité", "l'agriculture de précision", "la santé numérique",
           "le stockage d'énergie", "la gestion de paie", "l'assurance en ligne", "la formation des soignants",
           "la mobilité électrique", "le recyclage des batteries", "la comptabilité des PME",
           "la vision par ordinateur", "la réparation de smartphones", "la nutrition animale"]
CITIES = ["Lyon", "Nantes", "Bordeaux", "Lille", "Toulouse", "Marseille", "Rennes", "Grenoble",
          "Montpellier", "Strasbourg", "Paris", "Nice", "Clermont-Ferrand", "Dijon", "Angers"]
DEMONYM = {"Lyon": "lyonnaise", "Nantes": "nantaise", "Bordeaux": "bordelaise", "Lille": "lilloise",
           "Toulouse": "toulousaine", "Marseille": "marseillaise", "Rennes": "rennaise",
           "Grenoble": "grenobloise", "Montpellier": "montpelliéraine", "Strasbourg": "strasbourgeoise",
           "Paris": "parisienne", "Nice": "niçoise", "Clermont-Ferrand": "clermontoise",
           "Dijon": "dijonnaise", "Angers": "angevine"}
FUNDS = ["Bpifrance", "Partech", "Eurazeo", "Kima Ventures", "Idinvest", "Elaia", "Serena",
         "Breega", "Daphni", "Alven", "Frst", "ISAI", "Seventure", "Demeter", "Newfund",
         "le fonds Horizon Croissance", "Crédit Mutuel Innovation", "Side Capital", "Axeleo Capital"]
FIRST = ["Claire", "Julien", "Sophie", "Karim", "Élodie", "Thomas", "Nadia", "Pierre", "Amandine",
         "Mehdi", "Léa", "Vincent", "Camille", "Hugo", "Inès", "Olivier", "Sarah", "Bastien", "Yasmine"]
LAST = ["Martin", "Lefèvre", "Benali", "Moreau", "Garnier", "Rousseau", "Nguyen", "Fontaine",
        "Mercier", "Chevalier", "Dufour", "Haddad", "Lambert", "Perrin", "Roux", "Colin", "Marchand"]
TEAMS = ["l'Olympique lyonnais", "le Stade rennais", "le FC Nantes", "le RC Lens", "le LOSC",
         "l'OGC Nice", "le Toulouse FC", "le Montpellier HSC", "le Stade brestois", "l'AS Monaco"]
PARTIES = ["la majorité", "l'opposition", "le groupe centriste", "les écologistes", "la gauche",
           "la droite", "les indépendants"]
MINISTRIES = ["de l'Économie", "de la Santé", "de l'Éducation", "des Transports", "de l'Intérieur",
              "de la Transition écologique", "du Travail", "de l'Agriculture"]
PRODUCTS = ["une montre connectée", "un casque audio", "une tablette", "un robot aspirateur",
            "un ordinateur portable", "une enceinte intelligente", "un vélo électrique", "une liseuse"]
BRANDS = ["Archos", "Withings", "Parrot", "Netatmo", "Lenovo", "Samsung", "Xiaomi", "Sony", "Garmin"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre",
          "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
ROUNDS = ["d'amorçage", "de série A", "de série B", "de série C", "seed"]
INDEXES = ["le CAC 40", "le SBF 120", "l'Euro Stoxx 50", "le Dax", "le Nasdaq"]
STOCKS = ["TotalEnergies", "LVMH", "Airbus", "Sanofi", "Renault", "Capgemini", "Orange", "Kering",
          "Danone", "Vinci", "Michelin", "Thales"]
JOBS = ["développeur", "infirmière", "conducteur de bus", "comptable", "technicien de maintenance",
        "chef de projet", "aide-soignant", "commercial", "data analyst", "cuisinier"]


# -- slot fillers ------------------------------------------------------------------------
class Slots:
    def __init__(self, rng: random.Random):
        self.r = rng
        self.company = self.new_company()
        self.city = rng.choice(CITIES)
        self.sector = rng.choice(SECTORS)
        self.person = self.new_person()
        self.fund, self.fund2 = rng.sample(FUNDS, 2)
        self.team, self.team2 = rng.sample(TEAMS, 2)
        self.main_money = self.money()  # the article's headline figure, the same each time

    def new_company(self) -> str:
        return self.r.choice(SYL1) + self.r.choice(SYL2) + self.r.choice(SUFFIX)

    def new_person(self) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def money(self, low: float = 0.5, high: float = 80) -> str:
        r = self.r
        v = round(r.uniform(low, high), r.choice([0, 0, 1]))
        n = f"{v:g}".replace(".", ",")
        forms = [f"{n} millions d'euros", f"{n} M€", f"{n} millions €", f"{n} millions de dollars",
                 f"{n} M$", f"{n} millions"]
        if v < 1:
            return f"{r.randint(2, 9)}00 000 euros"
        return r.choice(forms)

    def big_money(self) -> str:
        v = f"{round(self.r.uniform(1, 40), 1):g}".replace(".", ",")
        return self.r.choice([f"{v} milliards d'euros", f"{v} Md€", f"{v} milliards de dollars"])

    def date(self) -> str:
        r = self.r
        return r.choice([f"le {r.randint(1, 28)} {r.choice(MONTHS)}", f"{r.choice(WEEKDAYS)}",
                         f"en {r.choice(MONTHS)} {r.choice([2025, 2026])}", f"{r.choice(WEEKDAYS)} dernier"])

    def fill(self, template: str) -> str:
        r = self.r
        values = {
            "company": self.company, "company2": self.new_company(), "city": self.city,
            "demonym": DEMONYM[self.city], "sector": self.sector, "person": self.person,
            "person2": self.new_person(), "fund": self.fund, "fund2": self.fund2,
            "money": self.main_money, "other_money": self.money(), "small_money": self.money(0.3, 3), "big_money": self.big_money(),
            "round": r.choice(ROUNDS), "date": self.date(), "n": str(r.randint(3, 95)),
            "pct": f"{round(r.uniform(0.1, 9.9), 1):g}".replace(".", ","), "year": str(r.choice([2019, 2020, 2021, 2022, 2023])),
            "team": self.team, "team2": self.team2, "score": f"{r.randint(0, 4)}-{r.randint(0, 3)}",
            "party": r.choice(PARTIES), "ministry": r.choice(MINISTRIES), "product": r.choice(PRODUCTS),
            "brand": r.choice(BRANDS), "price": f"{r.randint(49, 1499)} euros", "index": r.choice(INDEXES),
            "stock": r.choice(STOCKS), "stock2": r.choice(STOCKS), "points": f"{r.randint(6900, 8400)},{r.randint(10, 99)}",
            "job": r.choice(JOBS), "salary": f"{r.randint(24, 68)} 000 euros", "jobs": str(r.randint(20, 2500)),
        }
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


# -- templates: each kind has title templates and a pool of sentences per paragraph role -----
KINDS: dict[str, dict[str, list]] = {
    "funding": {
        "title": ["{company} lève {money} pour accélérer dans {sector}",
                  "La start-up {demonym} {company} boucle un tour de table {round}",
                  "{sector} : {company} réunit {money} auprès de {fund}"],
        "paragraphs": [
            ["La start-up {demonym} {company}, spécialisée dans {sector}, annonce {date} une levée de fonds de {money}.",
             "{company}, jeune pousse installée à {city}, a levé {money} lors d'un tour de table {round} mené par {fund}.",
             "Nouvelle opération pour {company} : la société basée à {city} vient de boucler un financement de {money}."],
            ["Le tour est mené par {fund}, avec la participation de {fund2} et de plusieurs business angels.",
             "{fund} prend la tête de l'opération, aux côtés de {fund2}, déjà présent au capital.",
             "Les investisseurs historiques, dont {fund2}, remettent au pot, tandis que {fund} fait son entrée."],
            ["Fondée en {year} par {person}, l'entreprise compte aujourd'hui {n} salariés.",
             "Créée en {year}, la société emploie {n} personnes et revendique plusieurs centaines de clients.",
             "L'équipe, partie de trois associés, réunit désormais {n} collaborateurs entre {city} et Paris.",
             "Son logiciel aide les entreprises de {sector} à réduire leurs coûts et à suivre leurs stocks en temps réel.",
             "Le service est vendu par abonnement mensuel aux entreprises et aux collectivités.",
             "Ses clients sont surtout des PME, mais quelques grands groupes testent déjà la solution."],
            ["Cette levée doit permettre de recruter une trentaine de personnes et d'ouvrir des bureaux en Espagne.",
             "Les fonds serviront à renforcer la recherche et à accélérer le développement commercial en Europe.",
             "L'argent financera de nouveaux produits et l'ouverture d'un second site de production.",
             "La société veut doubler ses effectifs d'ici à la fin de l'année prochaine."],
            ["\"Nous voulons devenir la référence de notre marché en Europe\", explique {person}, son président.",
             "\"Ce financement valide notre modèle et nous donne les moyens de nos ambitions\", affirme {person}.",
             "Pour {person}, cofondateur, l'objectif est de rester indépendant le plus longtemps possible.",
             "\"Les clients sont au rendez-vous, il faut maintenant suivre la demande\", résume {person}."],
            ["En {year}, la jeune pousse avait déjà réuni {small_money} auprès de {fund2}.",
             "Il s'agit du deuxième tour de table de l'entreprise, après un premier financement de {small_money} en {year}.",
             "Le marché de {sector} attire les investisseurs : plusieurs concurrents ont levé des fonds cette année.",
             "La société vise un chiffre d'affaires de {small_money} l'an prochain et la rentabilité dès {year}."],
            ["La concurrence reste vive, notamment face aux acteurs américains déjà bien installés.",
             "Selon l'entreprise, le marché visé devrait croître de {pct} % par an au cours des cinq prochaines années.",
             "{company} prévoit de se lancer en Allemagne avant l'été, puis en Italie.",
             "L'entreprise travaille aussi à une version de sa plateforme pour les hôpitaux."],
        ],
    },
    "market": {
        "title": ["{index} termine en hausse de {pct} %", "La Bourse de Paris recule, {stock} à la peine",
                  "Séance calme à Paris avant les chiffres de l'emploi américain"],
        "paragraphs": [
            ["{index} a terminé la séance de {date} en hausse de {pct} %, à {points} points.",
             "La Bourse de Paris a fini en repli de {pct} % {date}, {index} s'établissant à {points} points.",
             "Les marchés européens ont évolué sans direction claire {date}, avant de se reprendre en fin de séance."],
            ["Le volume d'échanges est resté faible, à environ {big_money}.",
             "Les investisseurs attendent les chiffres de l'inflation américaine, publiés jeudi.",
             "Les taux d'emprunt à dix ans de la France se sont détendus, à {pct} %.",
             "L'euro se stabilisait face au dollar, à 1,08 dollar en fin de journée.",
             "Les échanges ont été animés en début de séance avant de se tasser à la mi-journée.",
             "Les indices ont réduit leurs pertes dans l'après-midi, soutenus par Wall Street.",
             "La volatilité est restée contenue malgré plusieurs publications de résultats.",
             "Les marchés obligataires ont peu réagi aux déclarations des banquiers centraux."],
            ["Du côté des valeurs, {stock} a gagné {pct} % après la publication de ses résultats trimestriels.",
             "{stock} a perdu {pct} %, pénalisé par un abaissement de recommandation d'un courtier.",
             "{stock} a publié un chiffre d'affaires trimestriel de {big_money}, légèrement au-dessus des attentes.",
             "{stock2} a cédé {pct} %, dans le sillage de ses concurrents européens.",
             "{stock} a bondi de {pct} % après l'annonce d'un important contrat au Moyen-Orient.",
             "{stock2} a terminé en tête du palmarès, porté par un relèvement d'objectif de cours.",
             "{stock} a reculé de {pct} %, la direction ayant revu à la baisse ses prévisions annuelles."],
            ["Le secteur du luxe a souffert des inquiétudes sur la consommation en Chine.",
             "Les valeurs bancaires ont profité de la remontée des taux.",
             "Le pétrole a reculé de {pct} %, le baril de Brent repassant sous les 80 dollars.",
             "L'or a atteint un nouveau record, porté par les achats des banques centrales.",
             "Les valeurs technologiques ont suivi le mouvement venu de Wall Street.",
             "Le secteur automobile a été pénalisé par la baisse des ventes en Europe.",
             "Les foncières ont profité du recul des taux longs.",
             "Les valeurs pharmaceutiques ont joué leur rôle défensif.",
             "Les constructeurs aéronautiques ont été recherchés après des commandes record."],
            ["Pour {person}, gérant chez un grand assureur, la prudence reste de mise jusqu'à la fin du mois.",
             "\"Le marché manque de catalyseurs\", estime {person}, stratégiste dans une banque parisienne.",
             "Les analystes restent partagés sur l'évolution des prochaines semaines.",
             "Selon {person}, de nombreux gérants ont déjà pris leurs bénéfices.",
             "Les intervenants surveillent de près les tensions commerciales entre Washington et Pékin."],
            ["Mercredi, la banque centrale européenne doit se prononcer sur ses taux directeurs.",
             "Plusieurs grandes entreprises publieront leurs résultats la semaine prochaine.",
             "Les investisseurs guetteront aussi les indicateurs d'activité en zone euro.",
             "La saison des résultats semestriels bat son plein à Paris.",
             "Sur l'année, {index} affiche une progression de {pct} %.",
             "À New York, le Dow Jones évoluait en légère hausse à la clôture européenne.",
             "Les marchés asiatiques avaient terminé en ordre dispersé dans la matinée."],
        ],
    },
    "sport": {
        "title": ["{team} s'impose face à {team2}", "Ligue 1 : {team} enchaîne", "Match nul entre {team} et {team2}"],
        "paragraphs": [
            ["{team} s'est imposé {score} face à {team2} {date}, au terme d'un match disputé.",
             "Le choc entre {team} et {team2} s'est conclu sur le score de {score} {date}.",
             "Devant plus de {n} 000 spectateurs, {team} a dominé {team2} ({score})."],
            ["{person} a ouvert le score peu avant la pause, d'une frappe croisée.",
             "L'attaquant {person} a inscrit un doublé, son cinquième de la saison.",
             "Le gardien {person2} a multiplié les arrêts décisifs en seconde période.",
             "Réduits à dix après l'expulsion de {person2}, les visiteurs ont longtemps résisté.",
             "Sur un corner, le défenseur {person2} a égalisé de la tête.",
             "Les visiteurs ont touché deux fois les montants dans le dernier quart d'heure.",
             "Un penalty transformé à la dernière minute a scellé le sort de la rencontre."],
            ["\"On a montré du caractère\", a réagi {person} au micro d'une chaîne de télévision.",
             "L'entraîneur {person2} s'est dit satisfait de l'état d'esprit de son équipe.",
             "Les supporters ont salué la performance collective de leur équipe.",
             "Dans les tribunes, l'ambiance a été électrique du début à la fin.",
             "Le jeune gardien a reçu une longue ovation à sa sortie.",
             "Le président du club a promis de nouveaux renforts lors du mercato d'hiver.",
             "Le capitaine {person2} a regretté le manque d'efficacité en première période."],
            ["Au classement, le club remonte à la {n}e place avec {n} points.",
             "Cette victoire permet au club de rester au contact du podium.",
             "Le club avait recruté cet été un milieu de terrain pour {small_money}.",
             "Le club a investi dans un nouveau centre d'entraînement, inauguré au printemps.",
             "L'équipe reste sur une série de {n} matchs sans défaite.",
             "La défense n'a encaissé qu'un but lors des cinq dernières journées.",
             "Le club compte désormais {n} points d'avance sur le premier relégable."],
            ["Prochain rendez-vous samedi, avec un déplacement délicat à Marseille.",
             "Le club disputera mardi un match de coupe d'Europe.",
             "Plusieurs joueurs, blessés, devraient faire leur retour le mois prochain.",
             "L'arbitrage vidéo a de nouveau fait débat après un penalty contesté.",
             "Les billets pour la prochaine rencontre à domicile sont déjà presque tous vendus.",
             "Le jeune milieu {person2}, formé au club, a disputé son premier match chez les professionnels."],
        ],
    },
    "politics": {
        "title": ["Le ministère {ministry} présente sa réforme", "Budget : {party} hausse le ton",
                  "Le débat sur la réforme reprend à l'Assemblée"],
        "paragraphs": [
            ["Le ministre {ministry} a présenté {date} un projet de loi très attendu.",
             "Les députés ont entamé {date} l'examen du texte porté par le ministère {ministry}.",
             "{party} a annoncé {date} qu'elle déposerait une motion de censure."],
            ["Le texte prévoit une enveloppe de {big_money} sur cinq ans.",
             "Le gouvernement promet un budget de {big_money} pour les collectivités locales.",
             "Selon Bercy, la mesure coûtera {big_money} à l'État dès l'an prochain.",
             "Le projet prévoit aussi de simplifier les démarches des entreprises."],
            ["\"Ce texte est un recul\", dénonce {person}, député de {party}.",
             "{person}, rapporteure du texte, défend un compromis équilibré.",
             "Les syndicats, reçus au ministère mardi, ont exprimé leurs réserves.",
             "Le porte-parole du gouvernement a défendu un texte juste et nécessaire.",
             "Les élus de {party} ont quitté l'hémicycle en signe de protestation."],
            ["Le vote solennel est prévu dans deux semaines.",
             "Le Sénat doit examiner le texte en première lecture au printemps.",
             "Plusieurs amendements ont déjà été adoptés en commission.",
             "La Première ministre pourrait recourir à l'article 49.3 si les débats s'enlisent.",
             "Les débats ont été émaillés de plusieurs suspensions de séance."],
            ["Selon un sondage publié {date}, {n} % des Français soutiennent la réforme.",
             "Les maires de {city} et de plusieurs grandes villes ont demandé à être reçus.",
             "L'opposition réclame un référendum sur la question.",
             "Les associations d'élus locaux craignent un transfert de charges non compensé.",
             "Le président de la commission des finances a demandé une étude d'impact complète."],
        ],
    },
    "tech": {
        "title": ["{brand} dévoile {product}", "Test : {product} de {brand}", "{brand} mise sur l'intelligence artificielle"],
        "paragraphs": [
            ["{brand} a présenté {date} {product}, qui sera vendu {price} à partir du mois prochain.",
             "Le fabricant {brand} lance {product}, affiché au prix de {price}.",
             "Annoncé lors d'une conférence à Paris, {product} de {brand} arrive en magasin {date}."],
            ["L'appareil promet une autonomie de {n} heures et un écran plus lumineux.",
             "Le modèle embarque un nouveau processeur et un assistant vocal amélioré.",
             "La marque met en avant la réparabilité de son produit, noté 8 sur 10.",
             "La batterie se recharge à 80 % en une demi-heure.",
             "L'écran, plus grand, gagne en luminosité et en finesse."],
            ["\"Nous avons écouté nos utilisateurs\", explique {person}, directeur produit.",
             "Pour {person}, analyste, le prix reste élevé face à la concurrence asiatique.",
             "Les premiers tests saluent la qualité de fabrication.",
             "Les critiques regrettent toutefois l'absence de chargeur dans la boîte.",
             "{person2}, journaliste spécialisé, juge l'interface plus claire que celle de la génération précédente."],
            ["La marque a vendu {n} millions d'appareils l'an dernier dans le monde.",
             "Le marché européen de ces produits a reculé de {pct} % l'an dernier.",
             "Le groupe a réalisé un chiffre d'affaires de {big_money} l'an dernier."],
            ["Une mise à jour logicielle est promise pour l'automne.",
             "Une version moins chère, à {price}, est attendue en fin d'année.",
             "L'appareil sera aussi proposé en location mensuelle.",
             "Les précommandes sont ouvertes dès aujourd'hui sur le site de la marque.",
             "La garantie passe de deux à trois ans pour les clients européens."],
        ],
    },
    "jobs": {
        "title": ["Les entreprises de {city} peinent à recruter des {job}s", "Emploi : {company} embauche à {city}",
                  "Le chômage recule de {pct} % au dernier trimestre"],
        "paragraphs": [
            ["Le nombre de demandeurs d'emploi a reculé de {pct} % au troisième trimestre, selon France Travail.",
             "{company} annonce {date} le recrutement de {jobs} personnes à {city} d'ici à deux ans.",
             "Dans la région de {city}, les offres de postes de {job} restent souvent sans réponse."],
            ["Le salaire d'embauche d'un {job} tourne autour de {salary} brut par an.",
             "Les employeurs proposent jusqu'à {salary} par an pour attirer les candidats.",
             "Les postes sont ouverts en contrat à durée indéterminée, avec une période de formation.",
             "Les candidats sans expérience peuvent être formés pendant six mois.",
             "Les horaires décalés restent un frein pour de nombreux candidats."],
            ["\"Nous manquons de profils qualifiés\", constate {person}, directrice des ressources humaines.",
             "Pour {person}, économiste, la tension sur le marché du travail devrait durer.",
             "Les candidats mettent en avant le télétravail et l'équilibre de vie.",
             "Certaines entreprises proposent désormais la semaine de quatre jours pour se démarquer.",
             "{person2}, recruteuse, observe que les entretiens se déroulent de plus en plus en visioconférence."],
            ["La région a prévu {small_money} pour financer des formations courtes.",
             "Un salon de l'emploi se tiendra à {city} {date}.",
             "Les écoles de la région ouvrent de nouvelles filières en alternance."],
            ["Le taux de chômage s'établit à {pct} % de la population active.",
             "Les secteurs de la santé et du bâtiment restent les plus demandeurs.",
             "Les intérimaires représentent une part croissante des embauches.",
             "Les jeunes diplômés trouvent un premier emploi plus vite qu'il y a cinq ans.",
             "Le nombre de créations d'entreprises a atteint un niveau record cette année."],
        ],
    },
}

# A realistic feed: funding news is a small share (≤ 15 %) of what arrives.
MIX_WEIGHTS = {"funding": 12, "market": 22, "sport": 20, "politics": 20, "tech": 14, "jobs": 12}


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def article(rng: random.Random, kind: str, target_words: int = 300) -> tuple[str, str]:
    """(title, text) of one article: paragraphs one per line, ~target_words words. The first
    pass follows the roles in order (lede first); later paragraphs draw from the other roles."""
    spec, slots = KINDS[kind], Slots(rng)
    title = slots.fill(rng.choice(spec["title"]))
    pools = [rng.sample(pool, len(pool)) for pool in spec["paragraphs"]]
    paras: list[str] = []
    words = 0

    def take(pool: list[str]) -> None:
        nonlocal words
        para = " ".join(_capital(slots.fill(pool.pop())) for _ in range(min(len(pool), rng.choice([1, 2, 2, 3]))))
        paras.append(para)
        words += len(para.split())

    for pool in pools:
        take(pool)
    while words < target_words and any(pools[1:]):
        take(rng.choice([p for p in pools[1:] if p]))
    return title, "\n".join(paras)


def corpus(kind: str, n: int, seed: int = 7, target_words: int = 300) -> list[dict]:
    """n InputDocument-shaped dicts. kind: one of KINDS, or "mix" (MIX_WEIGHTS), or "dense"
    (funding news only)."""
    rng = random.Random(f"{kind}:{seed}")
    kinds, weights = list(MIX_WEIGHTS), list(MIX_WEIGHTS.values())
    docs = []
    for i in range(n):
        k = "funding" if kind == "dense" else rng.choices(kinds, weights)[0] if kind == "mix" else kind
        title, text = article(rng, k, target_words)
        docs.append({"id": f"{kind}-{i:04d}", "text": text, "title": title, "lang": "fr",
                     "published": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "kind": k})
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", default="mix", help="mix, dense, or one of: " + ", ".join(KINDS))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--words", type=int, default=300)
    args = ap.parse_args()
    for doc in corpus(args.kind, args.n, args.seed, args.words):
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
