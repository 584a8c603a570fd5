"""The identity check that holds (issue 19, finding 4 and principle 3): a
corpus of French sentences that identify a patient — every spelling the probe
got through: NIR without its key, glued, in fullwidth digits, with double
spaces, tabs or slashes; dates of birth « né(e) le », « naiss. », bare next to
a person; phones « +33 (0)6 … » or split oddly; e-mails « (at) »; hospital
patient numbers (IPP) — and a corpus of harmless sentences typical of RCP
minutes, protocols and guide pages (ages, case references, meeting dates,
doses, service numbers, SIRET and RPPS numbers, professionals' names)."""

import pytest
from django.core.exceptions import ValidationError

from gecolib.patient_identity import HARD_KINDS, NAME_MARKER, find_identity_markers
from gecolib.validators import validate_no_identity_markers

NBSP = "\u00a0"
NNBSP = "\u202f"

IDENTIFYING = [
    # --- NIR, with a right key or without a key, however it is written
    ("Patient 1 85 05 78 006 084 91 vu en consultation de suivi.", "nir"),
    ("NIR : 185057800608491, droits ouverts jusqu'en décembre.", "nir"),
    ("NIR sans clé : 1 85 05 78 006 084, à compléter.", "nir"),
    ("Numéro de sécu 1850578006084 relevé sur l'ordonnance.", "nir"),
    ("Sécurité sociale : １ ８５ ０５ ７８ ００６ ０８４ ９１", "nir"),
    ("ＮＩＲ １８４１２７６４５１０８９ (sans la clé)", "nir"),
    ("Assuré n° 1  85  05  78  006  084  91, ALD en cours.", "nir"),
    ("NIR\t2\t69\t03\t49\t350\t116\t51", "nir"),
    ("NIR 2/69/03/49/350/116/51 relevé sur la carte Vitale.", "nir"),
    ("Carte Vitale : 2.69.03.49.350.116.51", "nir"),
    ("Immatriculation 1-84-12-76-451-089-46 transmise à la CPAM.", "nir"),
    ("N° SS 1 84 12.76-451 089/46 à vérifier.", "nir"),
    (f"Numéro 1{NBSP}85{NBSP}05{NBSP}78{NBSP}006{NBSP}084{NBSP}91 noté au dossier.", "nir"),
    (f"Assurée 2{NNBSP}92{NNBSP}05{NNBSP}29{NNBSP}019{NNBSP}123{NNBSP}10.", "nir"),
    ("Mme X, 2 53 07 2A 073 004 43, suivie en HAD.", "nir"),
    ("Patiente corse, numéro 253072B07300470.", "nir"),
    ("Numéro provisoire 7 85 05 78 006 084 82 en attente d'immatriculation.", "nir"),
    ("Sécu : 1 56 07 22 278 045 à recontacter.", "nir"),
    ("Sécu : 1 72 01 56 031 062 45 (mutuelle à jour).", "nir"),
    ("Numéro d'assurée : 2 48 11 35 238 017 01.", "nir"),
    ("Le patient (1 85 05 78 006 084 91) a donné son accord.", "nir"),
    ("N° d'assuré : 2 01 10 29 232 005 23, mère célibataire.", "nir"),
    ("NIR 1–85–05–78–006–084–91 recopié depuis le courrier.", "nir"),
    ("Numéro : １\u3000８５\u3000０５\u3000７８\u3000００６\u3000０８４", "nir"),
    ("NIR/1.85.05.78.006.084.91", "nir"),
    ("Clé oubliée : 1/84/12/76/451/089", "nir"),
    # --- dates of birth, in their French spellings
    ("Mme D., née le 12/03/1956, diabétique de type 2.", "birth_date"),
    ("M. P. né le 3 mars 1948, veuf, vit seul.", "birth_date"),
    ("Patient né(e) le 12/03/1948, adressé par son médecin traitant.", "birth_date"),
    ("né(e) le 1er mars 1948 à Quimper", "birth_date"),
    ("Patiente née le 12.03.48, vit seule au domicile.", "birth_date"),
    ("Homme né le 12-3-1948, ancien agriculteur.", "birth_date"),
    ("Née à Brest le 4 juillet 1951, deux enfants.", "birth_date"),
    ("Mme X, née Le Bris le 02/02/1940, veuve.", "birth_date"),
    ("Né en 1948, retraité agricole, BPCO sévère.", "birth_date"),
    ("Patiente née en mars 1939 à Morlaix.", "birth_date"),
    ("Naiss. 12/03/1948 — diabète déséquilibré.", "birth_date"),
    ("Naiss. : 05.11.1937", "birth_date"),
    ("DDN 12/03/1956, HbA1c à 9 %.", "birth_date"),
    ("DDN : 12.03.56", "birth_date"),
    ("D.N. 12/03/1948", "birth_date"),
    ("D.D.N. : 7 janvier 1944", "birth_date"),
    ("Date de naissance 01-02-1970", "birth_date"),
    ("Date de naissance du patient : 23/09/1961", "birth_date"),
    ("Date de naiss. 14/02/1952", "birth_date"),
    ("Année de naissance : 1947", "birth_date"),
    ("DN : 12/03/1948", "birth_date"),
    ("Né le 12 / 03 / 1948 à Landerneau.", "birth_date"),
    ("Patiente née le １２/０３/１９４８.", "birth_date"),
    ("Née le 3 févr. 1950, institutrice retraitée.", "birth_date"),
    ("Mme X, 12/03/1948, chutes à répétition.", "birth_date"),
    ("Monsieur K. (12/03/1948) : insuffisance cardiaque.", "birth_date"),
    ("Patiente, 02/08/1930, démence à un stade avancé.", "birth_date"),
    ("Homme de 80 ans, 12/03/1946, BPCO sous oxygène.", "birth_date"),
    ("12/03/1946 (80 ans), vit au domicile avec son épouse.", "birth_date"),
    ("L'enfant Léo, 14/05/2019, retard de langage.", "birth_date"),
    ("Mme Le Goff, 12 mars 1948, revue pour escarre.", "birth_date"),
    ("Fillette, 14/05/2019 (6 ans), asthme mal contrôlé.", "birth_date"),
    ("DDN 12031948, vit en EHPAD.", "birth_date"),
    ("Patiente née le 12 03 1948.", "birth_date"),
    # --- French phone numbers, in all their spellings
    ("Joignable au 06 12 34 56 78 en journée.", "phone"),
    ("Tél. 0612345678", "phone"),
    ("Portable de la fille : 06.12.34.56.78", "phone"),
    ("06-12-34-56-78 (fils, à prévenir)", "phone"),
    ("Tél. +33 6 12 34 56 78", "phone"),
    ("Rappeler le +33 (0)6 12 34 56 78 avant midi.", "phone"),
    ("Numéro : +33(0)612345678", "phone"),
    ("Depuis l'étranger : 0033 6 12 34 56 78", "phone"),
    ("Fils en Belgique : 0033 (0)6 12 34 56 78", "phone"),
    ("Appeler le 061 234 5678 pour les visites.", "phone"),
    ("Portable 06 1234 5678", "phone"),
    ("Domicile : 02 98 12 34 56", "phone"),
    ("Fixe 0298123456, répondeur.", "phone"),
    ("Appeler le 07 81 22 33 44 après 18 h.", "phone"),
    ("Aidant : 06/12/34/56/78", "phone"),
    ("WhatsApp +33612345678", "phone"),
    ("Tél. ０６ １２ ３４ ５６ ７８", "phone"),
    (f"Tél. 06{NBSP}12{NBSP}34{NBSP}56{NBSP}78", "phone"),
    ("Tél. : 09 72 12 34 56 (box).", "phone"),
    ("Voisine : 0 6 1 2 3 4 5 6 7 8", "phone"),
    ("Tél.\t06\t12\t34\t56\t78", "phone"),
    ("Numéro : + 33 6 12 34 56 78", "phone"),
    ("Fille : 06 12 34 56 78 / domicile : 02 98 12 34 56", "phone"),
    ("Fils : (+33) 6 12 34 56 78", "phone"),
    ("Tél. 0033.6.12.34.56.78", "phone"),
    # --- e-mail addresses, also disguised
    ("Écrire à jean.dupont@exemple.fr pour le suivi.", "email"),
    ("Fille : marie.le-goff@gmail.com", "email"),
    ("jean.dupont (at) exemple (dot) fr", "email"),
    ("Courriel : jean.dupont[at]exemple.fr", "email"),
    ("jean.dupont [at] exemple [dot] fr", "email"),
    ("Mail : jdupont arobase orange.fr", "email"),
    ("Contact : jdupont(arobase)orange.fr", "email"),
    ("Contact : j.dupont @ wanadoo.fr", "email"),
    ("JEAN.DUPONT@LAPOSTE.NET", "email"),
    ("Adresse : jean＠exemple．fr", "email"),
    ("famille.kerjean{at}free(point)fr", "email"),
    ("Adresse de sa fille : anne_le_goff+rcp@outlook.fr", "email"),
    ("Écrire à jean.dupont (at) exemple.fr", "email"),
    ("Mail de la patiente : pkerjean@hotmail.fr", "email"),
    ("Voir [son mail](mailto:p.kerjean@sfr.fr).", "email"),
    ("Adresse : jean point dupont arobase exemple point fr", "email"),
    # --- hospital patient numbers
    ("IPP 12345678 au CHU de Brest.", "ipp"),
    ("IPP : 2026-004512", "ipp"),
    ("N° patient 4512378 à la clinique.", "ipp"),
    ("N° de patient : 00451237", "ipp"),
    ("Numéro de patient 98765 (Morlaix).", "ipp"),
    ("NIP 123456789", "ipp"),
    ("N° de dossier 451237, service de gériatrie.", "ipp"),
    ("Numéro de dossier : 78 451 236", "ipp"),
    ("IPP n° 0045123", "ipp"),
    ("Dossier patient n° 7845123", "ipp"),
    ("Dossier médical 5512348 transmis.", "ipp"),
    ("I.P.P. : 1234567 (CHU de Brest).", "ipp"),
    # --- a civil title followed by a name: a confirmation is asked
    ("Mme Le Goff présentée par son médecin traitant.", NAME_MARKER),
    ("M. Kerjean, 82 ans, vit seul.", NAME_MARKER),
    ("Monsieur DUPONT refuse l'hospitalisation.", NAME_MARKER),
    ("Madame Le Bihan a été revue en consultation.", NAME_MARKER),
    ("Mlle Tanguy, suivie pour anorexie.", NAME_MARKER),
    ("Mr Guivarc'h revient en RCP.", NAME_MARKER),
    ("Le petit Louis, 6 ans, asthme.", NAME_MARKER),
    ("La petite Léa présente un retard de langage.", NAME_MARKER),
    ("La patiente Morvan a chuté deux fois.", NAME_MARKER),
    ("Mme N'Diaye, 45 ans, diabète gestationnel.", NAME_MARKER),
    ("M. de Kersauson, suivi à domicile.", NAME_MARKER),
    ("Le patient Riou refuse le portage des repas.", NAME_MARKER),
    ("Revoir madame Quéré la semaine prochaine.", NAME_MARKER),
    ("Mme LE GOFF refuse les soins.", NAME_MARKER),
]

HARMLESS = [
    # --- RCP minutes
    "CAS-2026-014 : patiente de 80 ans, chutes répétées.",
    "Revue à la RCP du 12/03/2026 à 12h30, durée 45 minutes.",
    "Homme de 67 ans, insuffisance cardiaque, 3 hospitalisations en 2025.",
    "Prochaine RCP le 14/04/2026 à 13 h en salle 2.",
    "Réunion du 12/03/2026 : 8 présents sur 11.",
    "Compte rendu validé le 19/03/2026.",
    "CAS-2026-014 et CAS-2026-015 reportés à la RCP du 09/04/2026.",
    "Référence du cas : CAS-2025-102.",
    "Revue des décisions du 12/03/2026 : 5 closes, 2 en cours.",
    "RCP du 12/03/2026, 80 ans, chutes à domicile.",
    "Le patient, 78 ans, est revu le 12/03/2026.",
    "Dr Le Gall, 12/03/2026 : avis favorable à l'HAD.",
    "Réunion avec M. K. le 12/03/2026.",
    "Mme X, 80 ans, vit seule au domicile.",
    "M. P., 72 ans, BPCO stade 3.",
    "12 mars 2026 : réunion plénière de la MSP.",
    "Le 1er mars 2026, 14 présents.",
    "RCP n° 14 du 12/03/2026.",
    "Dr Le Gall (RPPS 10003456789) présente le cas.",
    "Dr Le Gall et Dr Kerjean étaient présents.",
    "Pr Morvan (CHU de Brest) a donné son avis.",
    "Docteur Tanguy, médecin coordonnateur de l'EHPAD.",
    "Madame la Présidente ouvre la séance.",
    "Monsieur le Maire a accueilli la réunion.",
    "Mme la Directrice de l'ARS a envoyé ses excuses.",
    "MMS 18/30 le 10/02/2026.",
    "Sérologie VHC négative le 02/02/2026.",
    "HbA1c à 8,2 % le 12/03/2026.",
    "Patient de 80 ans vu le 12/03/2026.",
    "Rendez-vous fixé au 14/04/2026 à 9 h 30.",
    # --- doses, measures, clinical values
    "Paracétamol 1 g toutes les 6 heures, maximum 4 g par jour.",
    "Amoxicilline 50 mg/kg/j en 3 prises.",
    "Metformine 2 x 500 mg par jour.",
    "HbA1c 7,2 % au dernier bilan.",
    "BPCO stade GOLD 3, VEMS 45 %.",
    "Tension 145/90 mmHg, FC 82/min.",
    "IMC 31,5 kg/m2, poids 92 kg.",
    "Clairance à 45 mL/min selon CKD-EPI.",
    "INR cible entre 2 et 3.",
    "Score de Braden 14, risque d'escarre.",
    "Glycémie à jeun 1,26 g/L.",
    "Dose de 0,5 mL en IM, rappel à 6 mois.",
    "Seuil de 140/90 à domicile.",
    "Poids de naissance 3,2 kg, terme 39 SA.",
    "Depuis la naissance, suivi en PMI.",
    "Ordonnance de 3 mois renouvelable 2 fois.",
    "Kinésithérapie : 20 séances, 2 par semaine.",
    "Code CIM-10 E11.9 : diabète de type 2 sans complication.",
    "Code CIM-10 I50.9, insuffisance cardiaque.",
    "ICD-10 Z63.6, aidant épuisé.",
    "CIP13 3400930000120 (boîte de 30 comprimés).",
    "ALD 30 n° 8, diabète.",
    # --- service numbers
    "En cas d'urgence, appeler le 15 ou le 112.",
    "Numéro national de prévention du suicide : 3114.",
    "Violences conjugales : 3919, appel anonyme et gratuit.",
    "Fil Santé Jeunes : 0 800 235 236.",
    "Allo Service Public : 39 39.",
    "SOS Médecins : 36 24.",
    "Pharmacie de garde : composer le 3237.",
    # --- identifiers of professionals and structures
    "RPPS 10003456789",
    "SIRET 732 829 320 00074",
    "SIRET 73282932000074",
    "FINESS 220000020",
    "N° FINESS 290000017 de l'EHPAD.",
    "Adeli 229012345",
    "Ancien numéro 1 85 05 78 006 084 36, clé fausse : ce n'est pas un NIR.",
    # --- protocols and guide pages
    "Maison de santé, 12 rue de Siam, 29200 Brest.",
    "CPTS du pays de Morlaix, 29600 Morlaix.",
    "Code postal 22300 Lannion.",
    "Budget prévisionnel : 1 250,00 € par séance.",
    "Subvention ARS de 12 500 € sur 2024-2026.",
    "Montant total : 1 250 000 €.",
    "Cotisation annuelle : 50 €.",
    "Projet de santé 2024-2026 validé en CARPEC le 5 juin 2025.",
    "Protocole révisé le 01/09/2025, prochaine révision le 01/09/2026.",
    "Du 01/02/2026 au 31/03/2026, 42 patients inclus.",
    "Période 01/01/2025 - 31/12/2025.",
    "Du 2024-01-01 au 2026-12-31.",
    "Mise à jour 2026-03-12T12:30.",
    "Document du 05.11.2025.",
    "Patients nés après 1950 : 35 %.",
    "La CPTS, née en 2019, regroupe 120 professionnels.",
    "Une idée née du constat partagé lors de la RCP du 12/03/2026.",
    "Le projet, né d'une réflexion commune le 12/03/2024, a été validé.",
    "Séance d'ETP de 2 h, 6 à 8 participants.",
    "Objectif : 80 % des patients diabétiques avec un fond d'œil annuel.",
    "Indicateur : nombre de RCP par an (cible : 10).",
    "Année 2025 : 61 facilitations, dont 14 en Finistère.",
    "Semaine 12, du lundi 16 au vendredi 20 mars 2026.",
    "Vaccin antigrippal : campagne du 15 octobre 2025 au 31 janvier 2026.",
    "Dépistage organisé du cancer colorectal entre 50 et 74 ans.",
    "Enfants de 0 à 6 ans.",
    "Patients de plus de 75 ans en ALD.",
    "Nombre de patients vus : 1 234 en 2025.",
    "Prise en charge à 100 %.",
    "Taux de participation : 87,5 %.",
    "Résultats 2023/2024 : +12 %.",
    "Délai moyen : 12 jours (médiane 9).",
    "Ratio 1/3 des cas présentés.",
    "Temps de coordination : 2 h/semaine, 52 semaines/an.",
    "Heures d'ouverture : 8 h 30 - 19 h 30.",
    "Pour 100 000 habitants : 95 médecins généralistes.",
    "Départements 22, 29, 35 et 56.",
    "EPCI : Brest métropole (8 communes, 210 000 habitants).",
    "Appel à projets 2026 : dépôt avant le 30/06/2026.",
    "Dossier CARPEC déposé le 02/10/2025.",
    "N° de dossier ARS en attente de réponse.",
    "ACI signé le 14 mars 2025.",
    "L'ARS Bretagne a validé le projet le 4 décembre 2025.",
    "Décret n° 2021-1234 du 24 septembre 2021.",
    "Article L. 1411-11 du code de la santé publique.",
    "Arrêté du 23 février 2026 portant approbation de l'avenant.",
    "En 1998, la loi a créé les réseaux de santé.",
    "Version 3 du protocole, 12 pages.",
    "Version 2.3.1 du logiciel de la MSP.",
    "Fiche pratique n° 12 : organiser une RCP.",
    "Lot n° 2024-00123 du vaccin.",
    "Salle 2B, 1er étage.",
    "Note de 4/5 en moyenne.",
    "Lien de visio : https://visio.exemple.fr/rcp-2026-03",
    "Voir la page [[creer-une-esp]] et la fiche « Créer une ESP » (6 étapes).",
    "Tél. du cabinet : voir l'annuaire de la MSP.",
    "Contact de l'association via le formulaire du site.",
    "Madame, Monsieur,\nNous vous remercions de votre participation.",
    "Réunion plénière le 12 03 2026.",
]


def _kinds(text: str) -> set[str]:
    return {marker.kind for marker in find_identity_markers(text)}


def test_the_corpus_is_large_enough():
    assert len(IDENTIFYING) >= 100
    assert len(HARMLESS) >= 100
    assert len({text for text, _kind in IDENTIFYING}) == len(IDENTIFYING)
    assert len(set(HARMLESS)) == len(HARMLESS)


@pytest.mark.parametrize(("text", "kind"), IDENTIFYING)
def test_identifying_text_is_found(text, kind):
    assert kind in _kinds(text)
    if kind == NAME_MARKER:
        # A name asks for a confirmation; nothing else is refused outright.
        assert _kinds(text) == {NAME_MARKER}
        validate_no_identity_markers(text)
    else:
        with pytest.raises(ValidationError, match="semble contenir"):
            validate_no_identity_markers(text)


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_gives_no_marker(text):
    assert find_identity_markers(text) == []


def test_a_long_harmless_text_is_checked():
    """Protocols reach 20,000 characters, guide pages more: the check reads
    50,000 characters of minutes without any pattern going quadratic."""
    text = "\n".join(HARMLESS)
    text = (text + "\n") * (50_000 // len(text) + 1)
    assert len(text) > 50_000
    assert find_identity_markers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "1 2 3 4 5 6 7 8 9 " * 6_000,
        "0 " * 25_000,
        "12 " * 17_000,
        "a." * 25_000,
        "x" * 50_000 + "@",
        "jean (at) " * 5_000,
        "née le " * 7_000,
        "Mme " * 12_000,
        "IPP " * 12_000,
        "12/" * 17_000,
        "+33 " * 12_000,
    ],
)
def test_adversarial_texts_are_checked(text):
    assert {marker.kind for marker in find_identity_markers(text)} <= {*HARD_KINDS, NAME_MARKER}
