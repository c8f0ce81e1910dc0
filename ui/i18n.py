"""Every visible string: English in the code, Dutch (the default) from this catalogue.

`tr("Search")` gives "Zoeken" while the language is Dutch. A test checks that every string
passed to `tr` in `ui/` has a Dutch text here. Domain labels (phases, channel kinds,
categories) come from the core's vocabularies, which carry both languages.
"""

from __future__ import annotations

from resilient_zcc import i18n as core_i18n

LANGUAGES = core_i18n.LANGUAGES
_language = "nl"

NL: dict[str, str] = {
    # application and profile
    "Resilient ZCC": "Resilient ZCC",
    "Unlock": "Ontgrendelen",
    "Passphrase": "Wachtwoordzin",
    "Profile: {path}": "Profiel: {path}",
    "Unlocking…": "Bezig met ontgrendelen…",
    "Wrong passphrase. Wait {seconds} s before the next try.": (
        "Onjuiste wachtwoordzin. Wacht {seconds} s tot de volgende poging."
    ),
    "Create profile": "Profiel aanmaken",
    "Repeat passphrase": "Herhaal wachtwoordzin",
    "The passphrases differ.": "De wachtwoordzinnen verschillen.",
    "Device name (shown in the audit trail)": "Naam van dit apparaat (zichtbaar in de audit)",
    "Strong enough.": "Sterk genoeg.",
    "Creating the profile and tuning the encryption to this computer…": (
        "Profiel wordt aangemaakt en de versleuteling afgestemd op deze computer…"
    ),
    "Recovery key": "Herstelsleutel",
    "Print or write down this recovery key and keep it in the sealed envelope of the crisis "
    "binder. It opens this profile when the passphrase is lost. It is shown only now.": (
        "Print of noteer deze herstelsleutel en bewaar hem in de verzegelde envelop van de "
        "crisismap. Hiermee opent u dit profiel als de wachtwoordzin kwijt is. Hij wordt "
        "alleen nu getoond."
    ),
    "I have stored the recovery key safely": "Ik heb de herstelsleutel veilig bewaard",
    "Locked": "Vergrendeld",
    "The profile is locked.": "Het profiel is vergrendeld.",
    "&View": "Bee&ld",
    "Error": "Fout",
    "Unexpected error": "Onverwachte fout",
    "Something went wrong that should not have. Your data is safe; the details were written "
    "to the log. Please report: {error}": (
        "Er ging iets mis dat niet had mogen gebeuren. Uw gegevens zijn veilig; de details "
        "staan in het logbestand. Meld dit alstublieft: {error}"
    ),
    # main window
    "Overview": "Overzicht",
    "Contacts": "Contacten",
    "Crisis structure": "Crisisstructuur",
    "Capacity": "Capaciteit",
    "Outage": "Uitval",
    "Placements": "Plaatsingen",
    "Fallback procedures": "Noodprocedures",
    "Logbook": "Logboek",
    "Print": "Afdrukken",
    "Synchronisation": "Synchronisatie",
    "Call rounds": "Belrondes",
    "Data: newest change from another device {received}; newest capacity report {report}": (
        "Gegevens: laatste wijziging van ander apparaat {received}; nieuwste capaciteitsmelding "
        "{report}"
    ),
    "Disk full: reading only, nothing can be saved. {status}": (
        "Schijf vol: alleen lezen, er kan niets worden opgeslagen. {status}"
    ),
    "never": "nooit",
    "{when} ({age} ago)": "{when} ({age} geleden)",
    # overview
    "Phase {phase}: {meaning}": "Fase {phase}: {meaning}",
    "No phase recorded yet": "Nog geen fase vastgelegd",
    "Noodscenario: off": "Noodscenario: uit",
    "Category": "Categorie",
    "Staffed": "Bemand",
    "Occupied": "Bezet",
    "Free": "Vrij",
    "Oldest figure": "Oudste cijfer",
    "Held": "Vastgehouden",
    "{n} stale": "{n} verouderd",
    "{n} overbezet": "{n} overbezet",
    "OVERBEZET": "OVERBEZET",
    "Free = free after held places (offered or placed since the figure). Bold on yellow: a "
    "figure a report time has passed since (stale). Red: overbezet, more patients than "
    "staffed beds, counted as no free beds.": (
        "Vrij = vrij na vastgehouden plaatsen (aangeboden of geplaatst sinds het cijfer). Vet "
        "op geel: een cijfer waarna een meldtijd is verstreken (verouderd). Rood: overbezet, "
        "meer patiënten dan bemande bedden, telt als geen vrije bedden."
    ),
    # contacts
    "Search name, organisation, function or number…": (
        "Zoek op naam, organisatie, functie of nummer…"
    ),
    "Name": "Naam",
    "Organisation": "Organisatie",
    "Channels in fallback order": "Kanalen in terugvalvolgorde",
    "Functions": "Functies",
    "On duty now as": "Nu in dienst als",
    "Last verified: {when} by {by}": "Laatst geverifieerd: {when} door {by}",
    "Never verified": "Nooit geverifieerd",
    "STALE": "VEROUDERD",
    "Still correct": "Nog juist",
    "via {function}": "via {function}",
    "{n} contacts": "{n} contacten",
}


def add_catalogue(entries: dict[str, str]) -> None:
    """A view module's own strings (English -> Dutch), added when the module is imported."""
    clashes = {k for k, v in entries.items() if k in NL and NL[k] != v}
    if clashes:
        raise ValueError(f"Conflicting Dutch texts for: {sorted(clashes)}")
    NL.update(entries)


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; choose from {', '.join(LANGUAGES)}")
    _language = language
    core_i18n.set_language(language)  # the core's messages (errors) follow the window


def language() -> str:
    return _language


def tr(text: str, **values: object) -> str:
    """The text in the current language, with `{name}` fields filled in."""
    translated = NL.get(text, text) if _language == "nl" else text
    return translated.format(**values) if values else translated
