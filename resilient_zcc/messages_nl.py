"""Dutch texts of the core's messages, keyed by the English template used in the code.

Grouped by module; `{fields}` match the English. Addressed to the user with "u".
"""

from __future__ import annotations

NL: dict[str, str] = {
    # errors.py: disk and database
    "The disk is full: free some space and try again. Nothing already stored was lost.": (
        "De schijf is vol: maak ruimte vrij en probeer het opnieuw. Er is niets verloren "
        "gegaan van wat al was opgeslagen."
    ),
    "Cannot write in {path}: the folder is read-only ({reason}).": (
        "Kan niet schrijven in {path}: de map is alleen-lezen ({reason})."
    ),
    "Cannot access {path}: {reason}.": "Geen toegang tot {path}: {reason}.",
    "Cannot write to {path}: the profile is read-only.": (
        "Kan niet schrijven naar {path}: het profiel is alleen-lezen."
    ),
    "{path} cannot be read with this key: the database file is damaged or belongs "
    "to another profile. Restore it from a backup or a peer.": (
        "{path} kan met deze sleutel niet worden gelezen: het databasebestand is beschadigd of "
        "hoort bij een ander profiel. Zet het terug vanuit een back-up of een ander apparaat."
    ),
    "{path} is damaged ({reason}). Restore it from a backup or a peer.": (
        "{path} is beschadigd ({reason}). Zet het terug vanuit een back-up of een ander apparaat."
    ),
    "Cannot open {path}: check that the folder exists and is writable.": (
        "Kan {path} niet openen: controleer of de map bestaat en of u er mag schrijven."
    ),
    "{path} is in use by another program; close it and try again.": (
        "{path} is in gebruik door een ander programma; sluit dat en probeer het opnieuw."
    ),
    "The disk could not read or write {path} (input/output error). Check the disk or "
    "USB stick and its connection; if it persists, copy the profile to another disk "
    "or restore it from a backup or a peer.": (
        "De schijf kon {path} niet lezen of schrijven (invoer-/uitvoerfout). Controleer de "
        "schijf of USB-stick en de aansluiting; blijft het gebeuren, kopieer het profiel dan "
        "naar een andere schijf of zet het terug vanuit een back-up of een ander apparaat."
    ),
    "The disk is full, so this profile is open for reading only: nothing can be saved. "
    "Free some space, then open the profile again.": (
        "De schijf is vol, daarom is dit profiel alleen te lezen: er kan niets worden "
        "opgeslagen. Maak ruimte vrij en open het profiel daarna opnieuw."
    ),
    "Wrong passphrase (or recovery key). Nothing was changed.": (
        "Onjuiste wachtwoordzin (of herstelsleutel). Er is niets gewijzigd."
    ),
    # store.py, schema.py
    "A profile already exists in {path}.": "Er bestaat al een profiel in {path}.",
    "The database {path} is missing; restore the profile from a backup or a peer.": (
        "De database {path} ontbreekt; zet het profiel terug vanuit een back-up of een ander "
        "apparaat."
    ),
    "The profile folder {path} is read-only; Resilient ZCC needs to write "
    "there (journal and changes). Copy the profile to a writable folder.": (
        "De profielmap {path} is alleen-lezen; Resilient ZCC moet daar kunnen schrijven "
        "(journaal en wijzigingen). Kopieer het profiel naar een map waarin u mag schrijven."
    ),
    "The database {path} is empty (0 bytes): it was cut off, perhaps by a full "
    "disk or a copy that did not finish. Restore the profile from a backup or a "
    "peer; nothing was written.": (
        "De database {path} is leeg (0 bytes): het bestand is afgebroken, misschien door een "
        "volle schijf of een kopie die niet afkwam. Zet het profiel terug vanuit een back-up "
        "of een ander apparaat; er is niets geschreven."
    ),
    "{path} holds no Resilient ZCC profile (no schema). Restore the "
    "profile from a backup or a peer; nothing was written.": (
        "{path} bevat geen Resilient ZCC-profiel (geen schema). Zet het profiel terug vanuit "
        "een back-up of een ander apparaat; er is niets geschreven."
    ),
    "The profile database lacks its {key}; restore the profile.": (
        "In de profieldatabase ontbreekt {key}; zet het profiel terug."
    ),
    "This profile was written by a newer Resilient ZCC (schema {current}; this version "
    "knows up to {latest}). Update the app; the data was not touched.": (
        "Dit profiel is geschreven door een nieuwere Resilient ZCC (schema {current}; deze "
        "versie kent tot en met {latest}). Werk de app bij; de gegevens zijn niet aangeraakt."
    ),
    # keyheader.py
    "The passphrase must be at least {n} characters.": (
        "De wachtwoordzin moet minstens {n} tekens lang zijn."
    ),
    "The passphrase repeats too few different characters.": (
        "De wachtwoordzin bevat te weinig verschillende tekens."
    ),
    "The key header (keys.json) of this profile is damaged. The database cannot be "
    "opened without it: restore keys.json from a backup, or restore the profile.": (
        "De sleutelkop (keys.json) van dit profiel is beschadigd. Zonder sleutelkop kan de "
        "database niet worden geopend: zet keys.json terug vanuit een back-up, of zet het "
        "profiel terug."
    ),
    "The key header has version {found!r}; this version of "
    "Resilient ZCC reads version {version}. Update the app.": (
        "De sleutelkop heeft versie {found!r}; deze versie van Resilient ZCC leest versie "
        "{version}. Werk de app bij."
    ),
    "The key header {path} is missing; the database cannot be opened without "
    "it. Restore keys.json from a backup, or restore the profile.": (
        "De sleutelkop {path} ontbreekt; zonder sleutelkop kan de database niet worden "
        "geopend. Zet keys.json terug vanuit een back-up, of zet het profiel terug."
    ),
    "No profile in {folder}. Create one with `resilient-zcc init`.": (
        "Geen profiel in {folder}. Maak er een aan met `resilient-zcc init`."
    ),
    "Cannot read {path} ({reason}): check that this user account may read the profile folder.": (
        "Kan {path} niet lezen ({reason}): controleer of dit gebruikersaccount de profielmap "
        "mag lezen."
    ),
    # changelog.py
    "Entries in {table} are never changed once written; add a new entry instead.": (
        "Regels in {table} worden na het vastleggen nooit gewijzigd; voeg in plaats daarvan "
        "een nieuwe regel toe."
    ),
    "'{table}' is not a table that can be written.": (
        "'{table}' is geen tabel waarin geschreven kan worden."
    ),
    "{table} has no column {columns}.": "{table} heeft geen kolom {columns}.",
    "A write to {table} must set at least one column.": (
        "Een wijziging in {table} moet minstens één kolom vullen."
    ),
    "Changes from device {device} use schema {schema}; this version knows up to "
    "{latest}. Update required; nothing was applied.": (
        "Wijzigingen van apparaat {device} gebruiken schema {schema}; deze versie kent tot en "
        "met {latest}. Bijwerken is nodig; er is niets verwerkt."
    ),
    "A batch claiming to come from device {device} has no valid signature; nothing was applied.": (
        "Een pakket dat van apparaat {device} zou komen, heeft geen geldige handtekening; er "
        "is niets verwerkt."
    ),
    "Device {device} is not trusted here; nothing was applied.": (
        "Apparaat {device} wordt hier niet vertrouwd; er is niets verwerkt."
    ),
    "A change from device {device} alters an entry of {table}, which is "
    "never changed once written; nothing was applied.": (
        "Een wijziging van apparaat {device} past een regel van {table} aan, die na het "
        "vastleggen nooit wordt gewijzigd; er is niets verwerkt."
    ),
    "A change from device {device} does not fit this schema ({reason}); nothing was applied.": (
        "Een wijziging van apparaat {device} past niet in dit schema ({reason}); er is niets "
        "verwerkt."
    ),
    "{table}.{column} cannot hold a {kind}.": "{table}.{column} kan geen {kind} bevatten.",
    "not an object of column values": "geen object met kolomwaarden",
    "a malformed redaction marker": "een onjuist gevormde verwijdermarkering",
    "a number too large to store": "een getal dat te groot is om op te slaan",
    "{table}.{column}: the number {value} is too large to store.": (
        "{table}.{column}: het getal {value} is te groot om op te slaan."
    ),
    "a value that is not text, a number or null": "een waarde die geen tekst, getal of null is",
    "{table}.{column} may not be empty": "{table}.{column} mag niet leeg zijn",
    # validation.py, settings.py
    "{what} may not be empty.": "{what} mag niet leeg zijn.",
    "Unknown {what} '{value}'. Allowed: {allowed}.": (
        "Onbekende waarde '{value}' voor {what}. Toegestaan: {allowed}."
    ),
    "The time": "Het tijdstip",
    "{what} needs a time zone (e.g. datetime.now(UTC)).": (
        "{what} heeft een tijdzone nodig (bijv. datetime.now(UTC))."
    ),
    "No {what} with id {id}.": "Geen {what} met id {id}.",
    "No {what} with id {id}. {hint}": "Geen {what} met id {id}. {hint}",
    "Unknown setting '{key}'. Known: {known}.": ("Onbekende instelling '{key}'. Bekend: {known}."),
    "{key} must be between {minimum} and {maximum}, not {value}.": (
        "{key} moet tussen {minimum} en {maximum} liggen, niet {value}."
    ),
    # settings.py
    "A contact not verified for this many days is marked stale.": (
        "Een contact dat zoveel dagen niet is gecontroleerd, geldt als verouderd."
    ),
    "A capacity figure older than this many hours is marked stale.": (
        "Een capaciteitscijfer dat ouder is dan zoveel uur, geldt als verouderd."
    ),
    "Days after a placement request closes before its patient data is removed.": (
        "Aantal dagen na het afsluiten van een plaatsingsverzoek waarna de patiëntgegevens "
        "worden verwijderd."
    ),
    "Target waiting time of an acute placement request, in minutes.": (
        "Streeftijd (wachttijd) van een acuut plaatsingsverzoek, in minuten."
    ),
    "Target waiting time of a high-urgency placement request, in minutes.": (
        "Streeftijd (wachttijd) van een plaatsingsverzoek met urgentie hoog, in minuten."
    ),
    "Target waiting time of a normal-urgency placement request, in minutes.": (
        "Streeftijd (wachttijd) van een plaatsingsverzoek met urgentie normaal, in minuten."
    ),
    # demo/__init__.py
    "The moment the demo is loaded at needs a time zone.": (
        "Het tijdstip waarop de demo wordt geladen, heeft een tijdzone nodig."
    ),
    "This profile already holds {n} organisation(s); the demo region "
    "is only loaded into an empty profile. Create a new profile for the demo.": (
        "Dit profiel bevat al {n} organisatie(s); de demoregio wordt alleen in een leeg "
        "profiel geladen. Maak een nieuw profiel aan voor de demo."
    ),
    # cli
    "Error: {message}": "Fout: {message}",
    # capacity.py
    "'{text}' is not a time; give HH:MM (today) or 'YYYY-MM-DD HH:MM' (Amsterdam time), like "
    "08:45 or '2025-03-14 08:45'.": (
        "'{text}' is geen tijd; geef UU:MM (vandaag) of 'JJJJ-MM-DD UU:MM' (Nederlandse tijd), "
        "zoals 08:45 of '2025-03-14 08:45'."
    ),
    # categories.py
    "'{code}' is a built-in category already; choose another code. Built-in: {builtin}.": (
        "'{code}' is al een ingebouwde categorie; kies een andere code. Ingebouwd: {builtin}."
    ),
    "A category code is 2 to 40 characters: a lowercase letter, then lowercase letters, digits "
    "or '_' (like 'cohort_griep'); '{code}' is not.": (
        "Een categoriecode heeft 2 tot 40 tekens: een kleine letter, gevolgd door kleine "
        "letters, cijfers of '_' (zoals 'cohort_griep'); '{code}' voldoet daar niet aan."
    ),
    "A category needs a name (Dutch, as users see it).": (
        "Een categorie heeft een naam nodig (in het Nederlands, zoals gebruikers die zien)."
    ),
    "The category '{code}' exists already.": "De categorie '{code}' bestaat al.",
    "Unknown capacity category '{code}'. Known: {known} (add one with add_category).": (
        "Onbekende capaciteitscategorie '{code}'. Bekend: {known} (voeg er een toe met "
        "add_category)."
    ),
    "Unknown category kind '{kind}'. Allowed: {allowed}.": (
        "Onbekende categoriesoort '{kind}'. Toegestaan: {allowed}."
    ),
    # common.py
    "'{prefix}' matches several; give more of the id.": (
        "'{prefix}' past bij meerdere; geef meer tekens van het id."
    ),
    "No passphrase: type it at the prompt or set {env} for scripts.": (
        "Geen wachtwoordzin: typ hem bij de vraag, of zet {env} voor scripts."
    ),
    "No {what} with id '{prefix}'.": "Geen {what} met id '{prefix}'.",
    # conflicts.py
    "Describe the resolution (e.g. 'aanbod aan TW-2026-0012 ingetrokken, patiënt opnieuw "
    "gematcht'); it is kept with the conflict.": (
        "Beschrijf de oplossing (bijv. 'aanbod aan TW-2026-0012 ingetrokken, patiënt opnieuw "
        "gematcht'); die wordt bij het conflict bewaard."
    ),
    "No conflict with id {id}; 'placements conflicts' lists them.": (
        "Geen conflict met id {id}; 'placements conflicts' toont de conflicten."
    ),
    "Say who resolves the conflict (a name or function).": (
        "Vermeld wie het conflict oplost (een naam of functie)."
    ),
    "This conflict was resolved already on {at} by {by}.": (
        "Dit conflict is al opgelost op {at} door {by}."
    ),
    # contacts.py
    "contact": "contact",
    # crisis.py
    "'{value}' is not a date; give e.g. 2025-03-14 or 2025-03-14T08:00.": (
        "'{value}' is geen datum; geef bijv. 2025-03-14 of 2025-03-14T08:00."
    ),
    "log entry": "logboekregel",
    "procedure": "procedure",
    # escalation.py
    "An escalation path needs at least one step.": (
        "Een opschalingsroute heeft minstens één stap nodig."
    ),
    "Step {n}'s action": "De actie van stap {n}",
    "Step {n}'s actor": "De uitvoerder van stap {n}",
    # lifecycle.py
    "'Geen eigen cliënt' is not a reason to refuse: institutions cannot refuse a patient "
    "assigned to their cohort because he is not their own client (ministry letter on regional "
    "coordination). Accept the patient, or give a care reason.": (
        "'Geen eigen cliënt' is geen reden om te weigeren: instellingen kunnen een patiënt die "
        "aan hun cohort is toegewezen niet weigeren omdat het geen eigen cliënt is (brief van "
        "het ministerie over regionale coördinatie). Neem de patiënt op, of geef een "
        "zorginhoudelijke reden."
    ),
    "A request that is '{current}' cannot go to '{target}' (no skipping of steps). Allowed "
    "next states: {allowed}.": (
        "Een verzoek met status '{current}' kan niet naar '{target}' (stappen overslaan kan "
        "niet). Toegestane volgende statussen: {allowed}."
    ),
    "Cancelling a request needs a reason (e.g. 'lokaal opgelost', 'niet meer nodig').": (
        "Voor het annuleren van een verzoek is een reden nodig (bijv. 'lokaal opgelost', 'niet "
        "meer nodig')."
    ),
    "The request is closed ('{current}'); no further step is possible. Register a new request "
    "if the patient still needs a place.": (
        "Het verzoek is afgesloten ('{current}'); er is geen volgende stap mogelijk. Meld een "
        "nieuw verzoek aan als de patiënt nog een plaats nodig heeft."
    ),
    "Transport cannot be arranged while the request is '{current}': the receiving party must "
    "have accepted first (ambulance transport goes ahead only when the receiving party is "
    "arranged). Allowed next states: {allowed}.": (
        "Vervoer kan niet worden geregeld zolang het verzoek de status '{current}' heeft: de "
        "ontvangende partij moet eerst hebben geaccepteerd (ambulancevervoer krijgt pas "
        "doorgang als de ontvangende partij geregeld is). Toegestane volgende statussen: "
        "{allowed}."
    ),
    "none (the request is closed)": "geen (het verzoek is afgesloten)",
    # logbook.py
    "'since'": "'since'",
    "A correction ('correctie') must name the entry it corrects (corrects_id).": (
        "Een correctie ('correctie') moet de regel noemen die zij corrigeert (corrects_id)."
    ),
    "A correction belongs to the same region as the entry it corrects.": (
        "Een correctie hoort bij dezelfde regio als de regel die zij corrigeert."
    ),
    "A decision ('besluit') must say who decided (decided_by), e.g. 'Bestuurlijk ROAZ' or 'DPG "
    "Twente'.": (
        "Een besluit ('besluit') moet vermelden wie heeft besloten (decided_by), bijv. "
        "'Bestuurlijk ROAZ' of 'DPG Twente'."
    ),
    "Entries of kind '{kind}' are written by {writer}, which also changes the region. Kinds to "
    "add directly: {free}.": (
        "Regels van de soort '{kind}' worden geschreven door {writer}, dat ook de regio "
        "bijwerkt. Soorten die u direct kunt toevoegen: {free}."
    ),
    "No log entry with id {id} to correct.": "Geen logboekregel met id {id} om te corrigeren.",
    "No log entry with id {id}.": "Geen logboekregel met id {id}.",
    "Only a 'correctie' entry names an entry it corrects.": (
        "Alleen een regel van de soort 'correctie' noemt een regel die zij corrigeert."
    ),
    "The entry's text": "De tekst van de regel",
    "The limit must be between 1 and {maximum}, not {limit}.": (
        "De limiet moet tussen 1 en {maximum} liggen, niet {limit}."
    ),
    "The moment of the entry": "Het tijdstip van de regel",
    "Unknown log kind '{kind}'. Allowed here: {allowed}.": (
        "Onbekende soort logboekregel '{kind}'. Hier toegestaan: {allowed}."
    ),
    "Unknown log kind '{kind}'. Allowed: {allowed}.": (
        "Onbekende soort logboekregel '{kind}'. Toegestaan: {allowed}."
    ),
    "Who recorded the entry (recorded_by)": "Het veld 'vastgelegd door' (recorded_by)",
    # matching.py
    "'now' needs a time zone (use datetime.now(UTC)).": (
        "'now' heeft een tijdzone nodig (gebruik datetime.now(UTC))."
    ),
    "COVID status '{covid}': do not place on a COVID+ cohort": (
        "COVID-status '{covid}': niet op een COVID+-cohort plaatsen"
    ),
    "COVID status '{covid}': isolate until the result is known": (
        "COVID-status '{covid}': isoleren tot de uitslag bekend is"
    ),
    "COVID-positive outside a cohort needs isolation rooms": (
        "COVID-positief buiten een cohort vraagt isolatiekamers"
    ),
    "Distance and travel time are not weighed (locations have no coordinates); when places fit "
    "equally well, choose the nearest location.": (
        "Afstand en reistijd zijn niet meegewogen (locaties hebben geen coördinaten); kies bij "
        "gelijke geschiktheid de dichtstbijzijnde locatie."
    ),
    "HFNO needed, the location offers no HFNO": "HFNO nodig, locatie biedt geen HFNO",
    "HFNO possible": "HFNO mogelijk",
    "Location {id} has no capacity report for category '{category}'; a place can only be "
    "offered against a reported figure. Run 'placements match' for candidates.": (
        "Locatie {id} heeft geen capaciteitsmelding voor categorie '{category}'; een plaats "
        "kan alleen worden aangeboden op basis van een gemeld cijfer. Gebruik 'placements "
        "match' voor kandidaten."
    ),
    "No placement request with id {id}; 'placements list' shows them.": (
        "Geen plaatsingsverzoek met id {id}; 'placements list' toont de verzoeken."
    ),
    "No suitable place in the region: consider escalating to RCPS or LCPS ('placements advance "
    "ID opgeschaald --to rcps').": (
        "Geen geschikte plaats in de regio: overweeg opschalen naar RCPS of LCPS ('placements "
        "advance ID opgeschaald --to rcps')."
    ),
    "a COVID cohort fits a COVID-positive patient": "COVID-cohort past bij COVID-positief",
    "a COVID-negative patient does not belong in {name}": "COVID-negatief hoort niet op {name}",
    "a COVID-positive patient does not belong in {name}": "COVID-positief hoort niet op {name}",
    "available {available} according to the report, {allocated} allocated since": (
        "beschikbaar {available} volgens melding, {allocated} al toegewezen sinds"
    ),
    "category {name} does not fit care need '{care}'": (
        "categorie {name} past niet bij zorgvraag '{care}'"
    ),
    "category {name}: alternative for care need '{care}'": (
        "categorie {name}: alternatief bij zorgvraag '{care}'"
    ),
    "category {name}: requested": "categorie {name}: gevraagd",
    "isolation by COVID+ cohort nursing": "isolatie door cohortverpleging COVID+",
    "isolation needed, the location has no isolation rooms": (
        "isolatie nodig, locatie heeft geen isolatiekamers"
    ),
    "isolation possible": "isolatie mogelijk",
    "no free place ({counted})": "geen vrije plaats ({counted})",
    "oxygen at home with support (module 1)": "zuurstof thuis met ondersteuning (module 1)",
    "oxygen needed, the location has no wall oxygen": (
        "zuurstof nodig, locatie heeft geen zuurstof uit de wand"
    ),
    "the figure is {hours} hours old (stale): call the location for a current figure": (
        "cijfer is {hours} uur oud (verouderd): bel de locatie voor een actueel cijfer"
    ),
    "treatment wish (ACP): no IC admission": "behandelwens (ACP): geen IC-opname",
    "treatment wish (ACP): no hospital admission": "behandelwens (ACP): geen ziekenhuisopname",
    "wall oxygen available": "zuurstof uit de wand aanwezig",
    "{free} free place(s) ({counted})": "{free} vrije plaats(en) ({counted})",
    "{location} ({category}) does not fit this request: {failures}. Run 'placements match' for "
    "suitable places.": (
        "{location} ({category}) past niet bij dit verzoek: {failures}. Gebruik 'placements "
        "match' voor geschikte plaatsen."
    ),
    "{location} has no free place in {category} any more (available {available} in the report "
    "of {reported_at}, {allocated} already offered or placed since). Run 'placements match' "
    "again for the current candidates.": (
        "{location} heeft geen vrije plaats meer in {category} (beschikbaar {available} in de "
        "melding van {reported_at}, sindsdien al {allocated} aangeboden of geplaatst). Gebruik "
        "'placements match' opnieuw voor de actuele kandidaten."
    ),
    # measures.py
    "Measure {code} ({title}) applies from phase {applies_from}; '{region}' is in phase "
    "{phase}. Raise the phase first, or prepare the measure without switching it on.": (
        "Maatregel {code} ({title}) geldt vanaf fase {applies_from}; '{region}' is in fase "
        "{phase}. Verhoog eerst de fase, of bereid de maatregel voor zonder hem in te zetten."
    ),
    "Measure {code} ({title}) is already {state} in '{region}'.": (
        "Maatregel {code} ({title}) staat al {state} in '{region}'."
    ),
    "Unknown measure '{code}'. Allowed: {allowed}.": (
        "Onbekende maatregel '{code}'. Toegestaan: {allowed}."
    ),
    "Who decided on the measure (decided_by)": "Het veld 'besloten door' (decided_by)",
    "active": "aan",
    "inactive": "uit",
    # model.py
    "'capacity locations' lists the locations.": "'capacity locations' toont de locaties.",
    "'{reference}' is not a pseudonymous reference: use the referrer's form number, 3 to 32 "
    "letters, digits, '-', '/', '.' or '_' with at least one digit, like TW-2026-0001 (never a "
    "name or BSN).": (
        "'{reference}' is geen pseudoniem kenmerk: gebruik het formuliernummer van de "
        "verwijzer, 3 tot 32 letters, cijfers, '-', '/', '.' of '_' met minstens één cijfer, "
        "zoals TW-2026-0001 (nooit een naam of BSN)."
    ),
    "'{value}' is not an e-mail address.": "'{value}' is geen e-mailadres.",
    "A channel belongs to a {owners}.": "Een kanaal hoort bij een van: {owners}.",
    "A channel's number or address": "Het nummer of adres van een kanaal",
    "A function's name": "De naam van een functie",
    "A location and category are given only when offering a place ('plaats_aangeboden'); later "
    "steps keep the offered place.": (
        "Een locatie en categorie geeft u alleen op bij het aanbieden van een plaats "
        "('plaats_aangeboden'); latere stappen houden de aangeboden plaats."
    ),
    "A location needs a name (like 'MST Enschede, IC').": (
        "Een locatie heeft een naam nodig (zoals 'MST Enschede, IC')."
    ),
    "A person's name": "De naam van een persoon",
    "A shift must end after it starts.": "Een dienst moet eindigen na het begin.",
    "{name} is already on this rota from {starts} to {ends}. Change or remove that shift first.": (
        "{name} staat al op dit rooster van {starts} tot {ends}. Wijzig of verwijder eerst "
        "die dienst."
    ),
    "{name} is already on this rota from {starts} to {ends}. Change or remove that "
    "shift first, or allow double cover.": (
        "{name} staat al op dit rooster van {starts} tot {ends}. Wijzig of verwijder eerst "
        "die dienst, of sta dubbele bezetting toe."
    ),
    "A step's text": "De tekst van een stap",
    "An organisation's name": "De naam van een organisatie",
    "COVID status": "COVID-status",
    "Category '{category}' does not give the care need '{care_need}'. Categories for "
    "'{care_need}': {fitting}.": (
        "Categorie '{category}' biedt niet de zorgvraag '{care_need}'. Categorieën voor "
        "'{care_need}': {fitting}."
    ),
    "No location with id {id}; 'placements match' lists them.": (
        "Onbekende locatie (id {id}); 'placements match' toont de locaties."
    ),
    "No organisation with id {id} (the referrer).": "Geen organisatie met id {id} (de verwijzer).",
    "No procedure step with id {id}.": "Geen procedurestap met id {id}.",
    "Offering a place needs the location (--location); 'placements match' lists the candidates.": (
        "Voor het aanbieden van een plaats is de locatie nodig (--location); 'placements "
        "match' toont de kandidaten."
    ),
    "Reference {reference} is already on the queue (request {request}); update that request "
    "instead of registering it twice.": (
        "Kenmerk {reference} staat al in de wachtrij (verzoek {request}); werk dat verzoek bij "
        "in plaats van het twee keer aan te melden."
    ),
    "Say who does this (a name or function, e.g. 'ZCC-coördinator').": (
        "Vermeld wie dit doet (een naam of functie, bijv. 'ZCC-coördinator')."
    ),
    "The current location": "De huidige verblijfplaats",
    "The current time": "Het huidige tijdstip",
    "The end": "Het einde",
    "The fallback order starts at 1 (the first channel to try).": (
        "De terugvalvolgorde begint bij 1 (het eerste kanaal om te proberen)."
    ),
    "The new step number": "Het nieuwe stapnummer",
    "The procedure already belongs to that organisation; copy it to another one.": (
        "De procedure hoort al bij die organisatie; kopieer hem naar een andere."
    ),
    "The reason": "De reden",
    "The reference": "Het kenmerk",
    "The referrer contact": "Het contact bij de verwijzer",
    "The report time": "Het meldtijdstip",
    "The report time {at} lies in the future (now is {now}); give the time the figures were "
    "true, at most 5 minutes ahead.": (
        "Het meldtijdstip {at} ligt in de toekomst (nu is het {now}); geef het tijdstip waarop "
        "de cijfers klopten, hooguit 5 minuten vooruit."
    ),
    "The start": "Het begin",
    "The step number": "Het stapnummer",
    "The treatment limits": "De behandelgrenzen",
    "The treatment limits say no IC (acp_no_ic), but the care need is 'ic'. Check the wishes "
    "with the referrer; choose another care need or correct the limits.": (
        "Volgens de behandelgrenzen geen IC (acp_no_ic), maar de zorgvraag is 'ic'. Controleer "
        "de wensen met de verwijzer; kies een andere zorgvraag of corrigeer de "
        "behandelgrenzen."
    ),
    "The treatment limits say no hospital admission (acp_no_hospital), but the care need is "
    "'{care_need}'. Care needs outside hospital: {outside}.": (
        "Volgens de behandelgrenzen geen ziekenhuisopname (acp_no_hospital), maar de zorgvraag "
        "is '{care_need}'. Zorgvragen buiten het ziekenhuis: {outside}."
    ),
    "The verification time": "Het tijdstip van de controle",
    "The wishes": "De wensen",
    "This channel is already the first to try.": "Dit kanaal staat al als eerste in de volgorde.",
    "This channel is already the last to try.": "Dit kanaal staat al als laatste in de volgorde.",
    "Unknown location feature '{feature}'. Allowed: {allowed}.": (
        "Onbekende locatievoorziening '{feature}'. Toegestaan: {allowed}."
    ),
    "Unknown source '{source}'. Allowed: {allowed}.": (
        "Onbekende bron '{source}'. Toegestaan: {allowed}."
    ),
    "Unknown status colour '{status}'. Allowed: {allowed}.": (
        "Onbekende statuskleur '{status}'. Toegestaan: {allowed}."
    ),
    "Who verified": "Het veld 'gecontroleerd door'",
    "age band": "leeftijdsgroep",
    "availability": "bereikbaarheid",
    "available ({available}) cannot exceed staffed - occupied ({free}); give at most {free}.": (
        "beschikbaar ({available}) kan niet meer zijn dan bemand min bezet ({free}); geef "
        "hooguit {free}."
    ),
    "care need": "zorgvraag",
    "channel": "kanaal",
    "channel kind": "kanaalsoort",
    "escalation target": "opschalingsdoel",
    "expected_24h ({expected}) cannot exceed total ({total}): it counts beds expected free and "
    "staffed in 24 hours.": (
        "verwacht over 24 uur ({expected}) kan niet meer zijn dan totaal ({total}): het telt "
        "de bedden die over 24 uur naar verwachting vrij en bemand zijn."
    ),
    "function": "functie",
    "overbezet: {occupied} patients for {staffed} staffed beds": (
        "overbezet: {occupied} patiënten op {staffed} bemande bedden"
    ),
    "Overbezet: occupied ({occupied}) exceeds total ({total}) and staffed ({staffed}): "
    "patients without a bed. Accepted; the location counts no free beds.": (
        "Overbezet: bezet ({occupied}) is meer dan totaal ({total}) en bemand ({staffed}): "
        "patiënten zonder bed. Geaccepteerd; de locatie telt geen vrije bedden."
    ),
    "Overbezet: occupied ({occupied}) exceeds staffed ({staffed}): patients in beds without "
    "staff. Accepted; the location counts no free beds.": (
        "Overbezet: bezet ({occupied}) is meer dan bemand ({staffed}): patiënten in bedden "
        "zonder personeel. Geaccepteerd; de locatie telt geen vrije bedden."
    ),
    "organisation": "organisatie",
    "person": "persoon",
    "role": "rol",
    "sector": "sector",
    "shift": "dienst",
    "staffed ({staffed}) cannot exceed total ({total}): staffed beds are part of the total.": (
        "bemand ({staffed}) kan niet meer zijn dan totaal ({total}): bemande bedden horen bij "
        "het totaal."
    ),
    "transport": "vervoer",
    "urgency": "urgentie",
    "{what} cannot be negative ({value}); give 0 or more.": (
        "{what} kan niet negatief zijn ({value}); geef 0 of meer."
    ),
    "{what} is too large ({value}); at most {limit}.": (
        "{what} is te groot ({value}); hoogstens {limit}."
    ),
    "{what} contains a nine-digit number that looks like a BSN. Never enter a BSN or a name: "
    "use the referrer's form number (like TW-2026-0001) and describe the care.": (
        "{what} bevat een getal van negen cijfers dat op een BSN lijkt. Voer nooit een BSN of "
        "naam in: gebruik het formuliernummer van de verwijzer (zoals TW-2026-0001) en "
        "beschrijf de zorg."
    ),
    "{what} is {length} characters; keep it to {limit} (only what placement needs).": (
        "{what} telt {length} tekens; houd het bij {limit} (alleen wat nodig is voor de plaatsing)."
    ),
    "{what} must be a whole number, not {value!r}.": (
        "{what} moet een geheel getal zijn, niet {value!r}."
    ),
    "{what} must be between 1 and {maximum}, not {at}.": (
        "{what} moet tussen 1 en {maximum} liggen, niet {at}."
    ),
    # crisis/authority.py and the phase rules: who decides what (seeds 000, 003)
    "the bestuurlijk ROAZ": "het bestuurlijk ROAZ",
    "Regional decision: weighed in the bestuurlijk ROAZ (chaired by the DPG); problems are "
    "solved locally and regionally.": (
        "Regionaal besluit: gewogen in het bestuurlijk ROAZ (voorzitter: de DPG); knelpunten "
        "worden lokaal en regionaal opgelost."
    ),
    "national direction (LNAZ, ministry of VWS)": "landelijke regie (LNAZ, ministerie van VWS)",
    "National decision: from phase 2c national direction is needed. The region records the "
    "national decision with its source and date, not as its own.": (
        "Landelijk besluit: vanaf fase 2c is landelijke regie en sturing nodig. De regio legt "
        "het landelijke besluit vast met bron en datum, niet als eigen besluit."
    ),
    "the minister for Medische Zorg en Sport": "de minister voor Medische Zorg en Sport",
    "Only nationally, by the minister for Medische Zorg en Sport, on the LNAZ's advice after "
    "a quick verification by the IGJ (quality) and the NZa (access); only once every option "
    "of phase 2 is used.": (
        "Alleen landelijk, door de minister voor Medische Zorg en Sport, op advies van het LNAZ "
        "na een snelle verificatie door de IGJ (kwaliteit) en de NZa (toegankelijkheid); pas "
        "als alle opties in fase 2 benut zijn."
    ),
    "Regional noodscenario: decided by the DPG, in consultation with the ROAZ and the chair of "
    "the safety region, with the approval of the minister of VWS; then aligned with the LNAZ "
    "kernteam.": (
        "Regionaal noodscenario: besluit van de DPG, in samenspraak met het ROAZ en de "
        "voorzitter van de veiligheidsregio, met goedkeuring van de minister van VWS; daarna "
        "afstemming met het kernteam LNAZ."
    ),
    "Phase {phase} is not a regional decision: it is decided by {body}. {how} "
    "Record the national decision with national=True (CLI: --national), its source "
    "(--source) and date (--decided-on).": (
        "Fase {phase} is geen regionaal besluit: daarover besluit {body}. {how} Leg het "
        "landelijke besluit vast met national=True (CLI: --national), de bron (--source) en de "
        "datum (--decided-on)."
    ),
    "A change from {current} to {phase} is a regional decision of {body}, not a "
    "national one: record it without national (CLI: --national).": (
        "Een wijziging van {current} naar {phase} is een regionaal besluit van {body}, geen "
        "landelijk besluit: leg het vast zonder national (CLI: --national)."
    ),
    "A national decision needs its source (CLI: --source), e.g. 'Kamerbrief "
    "minister MZS' or 'LNAZ-bericht'.": (
        "Een landelijk besluit heeft een bron nodig (CLI: --source), bijvoorbeeld 'Kamerbrief "
        "minister MZS' of 'LNAZ-bericht'."
    ),
    "The date of the national decision '{value}' is not a date: write it as "
    "YYYY-MM-DD (CLI: --decided-on).": (
        "De datum van het landelijke besluit '{value}' is geen datum: schrijf die als "
        "JJJJ-MM-DD (CLI: --decided-on)."
    ),
    "Phase {phase} is decided by {body}; '{by}' does not name it. Name the deciding "
    "body in decided_by (CLI: --by).": (
        "Over fase {phase} besluit {body}; '{by}' noemt die niet. Noem wie besluit in "
        "decided_by (CLI: --by)."
    ),
    "{what} is the DPG's decision (in consultation with the ROAZ and the chair of the "
    "safety region); '{by}' does not name the DPG. Name the DPG in decided_by (CLI: "
    "--by), e.g. 'DPG Twente'.": (
        "{what} is een besluit van de DPG (in samenspraak met het ROAZ en de voorzitter van de "
        "veiligheidsregio); '{by}' noemt de DPG niet. Noem de DPG in decided_by (CLI: --by), "
        "bijvoorbeeld 'DPG Twente'."
    ),
    "Declaring the noodscenario is done in consultation with the chair of the "
    "safety region: name him or her (CLI: --safety-chair), e.g. 'Voorzitter "
    "Veiligheidsregio Twente'.": (
        "Het noodscenario wordt afgekondigd in samenspraak met de voorzitter van de "
        "veiligheidsregio: noem die (CLI: --safety-chair), bijvoorbeeld 'Voorzitter "
        "Veiligheidsregio Twente'."
    ),
    "Declaring the noodscenario needs the approval of the minister of VWS: record "
    "it as '{granted}' or '{pending}' (CLI: --approval).": (
        "Voor het afkondigen van het noodscenario is goedkeuring van de minister van VWS nodig: "
        "leg die vast als '{granted}' of '{pending}' (CLI: --approval)."
    ),
    "Measure {code} ({title}) is binding from phase {binding_from}, and '{region}' is "
    "in phase {phase}: switching it off is a deviation and needs a reason (CLI: "
    "--reason).": (
        "Maatregel {code} ({title}) is verplichtend vanaf fase {binding_from} en '{region}' is "
        "in fase {phase}: uitzetten is een afwijking en vraagt een reden (CLI: --reason)."
    ),
    # capacity/seh.py: the emergency department's status
    "'{location}' has no emergency department (SEH): only a hospital location with "
    "the feature '{feature}' reports an SEH status.": (
        "'{location}' heeft geen spoedeisende hulp (SEH): alleen een ziekenhuislocatie met het "
        "kenmerk '{feature}' meldt een SEH-status."
    ),
    "Unknown SEH status '{status}'. Allowed: {allowed}.": (
        "Onbekende SEH-status '{status}'. Toegestaan: {allowed}."
    ),
    "Who reports the SEH status (reported_by)": "Wie de SEH-status meldt (reported_by)",
    "The moment of the SEH report": "Het moment van de SEH-melding",
    "The reason for the SEH stop (--reason)": "De reden van de SEH-stop (--reason)",
    "An SEH stop needs its expected duration in hours, more than 0 and at most "
    "{most} (CLI: --hours); the SEH stays open even in code zwart.": (
        "Een SEH-stop heeft een verwachte duur in uren nodig, meer dan 0 en hoogstens {most} "
        "(CLI: --hours); de SEH blijft ook in code zwart open."
    ),
    # crisis/regime.py and procedure steps bound to a regime or naming a role
    "Unknown regime '{regime}'. Allowed: {allowed} (or none: always).": (
        "Onbekend regime '{regime}'. Toegestaan: {allowed} (of geen: altijd)."
    ),
    "Unknown role '{role}'. Allowed: {allowed}.": "Onbekende rol '{role}'. Toegestaan: {allowed}.",
    "A step names either a function or a role, not both: the role's function "
    "follows the regime in force.": (
        "Een stap noemt een functie of een rol, niet allebei: de functie van de rol volgt het "
        "regime dat geldt."
    ),
    "There is no noodscenario in '{region}' awaiting the minister's approval.": (
        "Er is in '{region}' geen noodscenario dat wacht op goedkeuring van de minister."
    ),
    "The approval is the minister of VWS's; '{by}' does not name the minister or "
    "VWS (CLI: --by).": (
        "De goedkeuring is van de minister van VWS; '{by}' noemt de minister of VWS niet "
        "(CLI: --by)."
    ),
    "The approval": "De goedkeuring",
    # phases.py
    "'{region}' is already in phase {phase} (since {since}); choose another phase: {others}.": (
        "'{region}' is al in fase {phase} (sinds {since}); kies een andere fase: {others}."
    ),
    "A phase change": "Een fasewijziging",
    "Declaring the noodscenario": "Het afkondigen van het noodscenario",
    "Ending the noodscenario": "Het beëindigen van het noodscenario",
    "The moment of the decision": "Het tijdstip van het besluit",
    "The moment of the phase change": "Het tijdstip van de fasewijziging",
    "The noodscenario of '{region}' is already {state}; nothing to change.": (
        "Het noodscenario van '{region}' staat al {state}; er is niets te wijzigen."
    ),
    "The phase change": "De fasewijziging",
    "Unknown phase '{phase}'. Allowed (LNAZ): {allowed}.": (
        "Onbekende fase '{phase}'. Toegestaan (LNAZ): {allowed}."
    ),
    "off": "uit",
    "on": "aan",
    "{what} is dated {at}, before the current state (since {since}); the log is kept as it "
    "happens: record it with the current time and mention the real time in the text.": (
        "{what} is gedateerd op {at}, vóór de huidige toestand (sinds {since}); het logboek "
        "wordt bijgehouden zoals het gebeurt: leg het vast met het huidige tijdstip en vermeld "
        "het werkelijke tijdstip in de tekst."
    ),
    "{what} needs the picture (beeld) it was decided on, e.g. the bed occupancy and the "
    "pressure reported by the chain partners.": (
        "{what}: vermeld het beeld waarop is besloten, bijv. de bedbezetting en de druk die de "
        "ketenpartners melden."
    ),
    "{what} needs who decided (decided_by), e.g. 'Bestuurlijk ROAZ Euregio' or 'DPG Twente'.": (
        "{what}: vermeld wie heeft besloten (decided_by), bijv. 'Bestuurlijk ROAZ Euregio' of "
        "'DPG Twente'."
    ),
    # phones.py
    "'{text}' is not a valid phone number. Type it as you would dial it in the Netherlands "
    "(e.g. 06-12345678 or 053-1234567) or with a country code (+32 ...).": (
        "'{text}' is geen geldig telefoonnummer. Typ het zoals u het in Nederland zou kiezen "
        "(bijv. 06-12345678 of 053-1234567) of met landnummer (+32 ...)."
    ),
    # placements.py
    "conflict": "conflict",
    "location": "locatie",
    "placement request": "plaatsingsverzoek",
    "region": "regio",
    # profile.py
    "'{prefix}' matches several records; give more of the id.": (
        "'{prefix}' past bij meerdere gegevens; geef meer tekens van het id."
    ),
    "No record with id '{prefix}'.": "Geen gegeven met id '{prefix}'.",
    # queries.py
    "No contact details for '{function}'.": "Geen bereikbaarheidsgegevens voor '{function}'.",
    "No contact with id {id}.": "Geen contact met id {id}.",
    "No function named: assign a function to this step.": (
        "Geen functie genoemd: wijs een functie toe aan deze stap."
    ),
    "No location with id {id}; 'capacity locations' lists them.": (
        "Onbekende locatie (id {id}); 'capacity locations' toont de locaties."
    ),
    "No organisation matches '{text}'; give part of its name or its id.": (
        "Geen organisatie gevonden voor '{text}'; geef een deel van de naam of het id."
    ),
    "No procedure with id {id}.": "Geen procedure met id {id}.",
    "Nobody holds the function '{function}' now.": "Niemand vervult nu de functie '{function}'.",
    "Step {number}: {warning}": "Stap {number}: {warning}",
    "The function named no longer exists: assign another function.": (
        "De genoemde functie bestaat niet meer: wijs een andere functie toe."
    ),
    "Unknown incident type '{value}'. Allowed: {allowed}.": (
        "Onbekend incidenttype '{value}'. Toegestaan: {allowed}."
    ),
    "Unknown state '{state}'. Known states: {known}.": (
        "Onbekende status '{state}'. Bekende statussen: {known}."
    ),
    # regions.py
    "'{region}' is a {kind}; the LNAZ phase and the noodscenario are set on its ROAZ region "
    "('{parent}').": (
        "'{region}' is een {kind}; de LNAZ-fase en het noodscenario worden vastgesteld op de "
        "bijbehorende ROAZ-regio ('{parent}')."
    ),
    "'{region}' is a {kind}; the LNAZ phase and the noodscenario are set on its ROAZ region.": (
        "'{region}' is een {kind}; de LNAZ-fase en het noodscenario worden vastgesteld op de "
        "bijbehorende ROAZ-regio."
    ),
    "A ROAZ region has no parent; only a veiligheidsregio has one.": (
        "Een ROAZ-regio valt niet onder een andere regio; alleen een veiligheidsregio heeft "
        "een bovenliggende regio."
    ),
    "A region's name": "De naam van een regio",
    "A veiligheidsregio belongs to a ROAZ region: give the ROAZ region as parent.": (
        "Een veiligheidsregio hoort bij een ROAZ-regio: geef de ROAZ-regio op als "
        "bovenliggende regio."
    ),
    "No region with id {id}.": "Geen regio met id {id}.",
    "Several regions: name one with --region. Regions: {names}.": (
        "Meerdere regio's: kies er een met --region. Regio's: {names}."
    ),
    "The parent of a veiligheidsregio must be a ROAZ region; '{parent}' is a {kind}.": (
        "De bovenliggende regio van een veiligheidsregio moet een ROAZ-regio zijn; '{parent}' "
        "is een {kind}."
    ),
    "This profile holds no region yet; load the demo or add a region first.": (
        "Dit profiel bevat nog geen regio; laad de demo of voeg eerst een regio toe."
    ),
    "Unknown region kind '{kind}'. Allowed: {allowed}.": (
        "Onbekende regiosoort '{kind}'. Toegestaan: {allowed}."
    ),
    # rhythm.py
    "'{value}' is not a reporting time; give local time as HH:MM, like 09:00.": (
        "'{value}' is geen meldtijd; geef de lokale tijd als UU:MM, zoals 09:00."
    ),
    "A reporting interval of {hours} hours does not divide a day; allowed: {allowed} hours (or "
    "none for no rhythm).": (
        "Een meldinterval van {hours} uur past niet precies in een etmaal; toegestaan: "
        "{allowed} uur (of geen, voor geen meldritme)."
    ),
    "A reporting time needs an interval (like every 24 hours); give both, or neither for no "
    "rhythm.": (
        "Een meldtijd heeft een interval nodig (zoals elke 24 uur); geef beide, of geen van "
        "beide voor geen meldritme."
    ),
    # taskcards.py
    "A task card needs at least one action.": "Een taakkaart heeft minstens één actie nodig.",
    "Action {n}'s text": "De tekst van actie {n}",
    "Action {n}: unknown phase '{phase}'. Allowed: {allowed}.": (
        "Actie {n}: onbekende fase '{phase}'. Toegestaan: {allowed}."
    ),
    "No function with code '{code}' in the directory; add the function first (task cards "
    "belong to a function, e.g. zcc_huisarts, zcc_logger).": (
        "Geen functie met code '{code}' in de adresgids; voeg eerst de functie toe "
        "(taakkaarten horen bij een functie, bijv. zcc_huisarts, zcc_logger)."
    ),
    "No task card for function code '{code}' in this region. Cards: {cards}.": (
        "Geen taakkaart voor functiecode '{code}' in deze regio. Kaarten: {cards}."
    ),
    "The card's function code": "De functiecode van de kaart",
    "The card's mandate": "Het mandaat van de kaart",
    "The card's title": "De titel van de kaart",
    "none yet": "nog geen",
    # contacts/directory.py and printlog.py: what the paper sheets read
    "'{text}' matches {count} organisations: {names}. Be more precise.": (
        "'{text}' past bij {count} organisaties: {names}. Geef een preciezere naam."
    ),
    "No organisation with id {id}.": "Geen organisatie met id {id}.",
    # contacts/who.py: whom to call now
    "Nobody is on the rota for {function} now and {count} people hold it: "
    "the list does not say who is on duty.": (
        "Er staat nu niemand op het rooster voor {function} en {count} personen vervullen "
        "de functie: de lijst zegt niet wie dienst heeft."
    ),
    "Nobody holds {function}.": "Niemand vervult de functie {function}.",
    "{organisation} has no function '{text}'; these do: {others}. Name one of them.": (
        "{organisation} heeft geen functie '{text}'; deze wel: {others}. Noem er een van."
    ),
    "{organisation} has no function '{text}'. Its functions: {names}.": (
        "{organisation} heeft geen functie '{text}'. De functies: {names}."
    ),
    "'{text}' matches {count} functions of {organisation}: {names}. Be more precise.": (
        "'{text}' past bij {count} functies van {organisation}: {names}. Geef een preciezere naam."
    ),
    "A sheet cannot cover unknown tables: {tables}.": (
        "Een blad kan geen onbekende tabellen beslaan: {tables}."
    ),
    "No binder named '{name}' was printed. Binders: {names}.": (
        "Er is geen map met de naam '{name}' afgedrukt. Mappen: {names}."
    ),
    "Reserve between 1 and {most} form numbers at a time, not {count}.": (
        "Reserveer 1 tot {most} formuliernummers tegelijk, niet {count}."
    ),
    # exchange/backup.py
    "The backup could not be made ({reason}); nothing was written.": (
        "De back-up kon niet worden gemaakt ({reason}); er is niets weggeschreven."
    ),
    "{path} does not exist.": "{path} bestaat niet.",
    "Cannot read {path}: {reason}.": "Kan {path} niet lezen: {reason}.",
    "{name} is not a complete Resilient ZCC backup (damaged or another kind of "
    "file); nothing was restored. Use another copy of the backup.": (
        "{name} is geen volledige back-up van Resilient ZCC (beschadigd of een ander soort "
        "bestand); er is niets teruggezet. Gebruik een andere kopie van de back-up."
    ),
    "{path} already holds a profile; restore into an empty folder "
    "(--profile NEW-FOLDER). Nothing was changed.": (
        "In {path} staat al een profiel; zet de back-up terug in een lege map "
        "(--profile NIEUWE-MAP). Er is niets gewijzigd."
    ),
    "The backup was made by a newer Resilient ZCC (schema {current}; this "
    "version knows up to {latest}). Update the app; nothing was restored.": (
        "De back-up is gemaakt met een nieuwere Resilient ZCC (schema {current}; deze versie "
        "kent tot en met {latest}). Werk de app bij; er is niets teruggezet."
    ),
    "The key part of {name} is damaged; nothing was restored.": (
        "Het sleuteldeel van {name} is beschadigd; er is niets teruggezet."
    ),
    "The database in the backup is damaged; nothing was restored.": (
        "De database in de back-up is beschadigd; er is niets teruggezet."
    ),
    "The database in the backup cannot be read ({reason}); nothing was restored.": (
        "De database in de back-up kan niet worden gelezen ({reason}); er is niets teruggezet."
    ),
    # exchange: reading a CSV or workbook (tables.py, csv_reader.py, sheet_reader.py)
    "{path} is a folder; give a .csv or .xlsx file.": (
        "{path} is een map; geef een .csv- of .xlsx-bestand op."
    ),
    "{name} is empty: there is nothing to import.": (
        "{name} is leeg: er valt niets te importeren."
    ),
    "{name} is {size} MB; at most {limit} MB is read. Split the list.": (
        "{name} is {size} MB; er wordt hooguit {limit} MB gelezen. Splits de lijst op."
    ),
    "{name} is a zip archive but not a workbook; give a .xlsx, .ods, .xls or .csv file.": (
        "{name} is een zip-archief maar geen werkmap; geef een .xlsx-, .ods-, .xls- of "
        ".csv-bestand op."
    ),
    "{name} is not a workbook, so it has no sheet '{sheet}'.": (
        "{name} is geen werkmap en heeft dus geen werkblad '{sheet}'."
    ),
    "{name} holds no filled cells: there is nothing to import.": (
        "{name} bevat geen gevulde cellen: er valt niets te importeren."
    ),
    "{name} has more than {limit} rows; split it into smaller lists.": (
        "{name} heeft meer dan {limit} rijen; splits het op in kleinere lijsten."
    ),
    "{name} is not a text file (it holds binary data); give a .csv saved from Excel "
    "or LibreOffice, or the .xlsx itself.": (
        "{name} is geen tekstbestand (het bevat binaire gegevens); geef een .csv op die is "
        "opgeslagen vanuit Excel of LibreOffice, of de .xlsx zelf."
    ),
    "{name} is in an unknown text encoding; save it as CSV UTF-8.": (
        "{name} heeft een onbekende tekstcodering; sla het op als CSV UTF-8."
    ),
    "{name} is not a readable CSV file ({reason}).": (
        "{name} is geen leesbaar CSV-bestand ({reason})."
    ),
    "{name} would unpack to more than {limit} GB; it is refused. "
    "Save the list again from Excel or LibreOffice.": (
        "{name} zou uitgepakt groter worden dan {limit} GB en wordt daarom geweigerd. "
        "Sla de lijst opnieuw op vanuit Excel of LibreOffice."
    ),
    "{name} cannot be read as a workbook ({kind}); open it in Excel or LibreOffice "
    "and save it again as .xlsx or .ods.": (
        "{name} kan niet als werkmap worden gelezen ({kind}); open het in Excel of "
        "LibreOffice en sla het opnieuw op als .xlsx of .ods."
    ),
    "{name} is protected with a password. Save it without a password (or as .csv) "
    "and import that.": (
        "{name} is met een wachtwoord beveiligd. Sla het op zonder wachtwoord (of als .csv) "
        "en importeer dat."
    ),
    "{name} holds no sheets.": "{name} bevat geen werkbladen.",
    "{name} has no sheet '{sheet}'. Its sheets: {sheets}.": (
        "{name} heeft geen werkblad '{sheet}'. De werkbladen: {sheets}."
    ),
    # exchange: capacity import (capacity_csv.py, capacity_import.py, edxl_have.py)
    "row {number}": "rij {number}",
    "total": "totaal",
    "staffed": "bemand",
    "occupied": "bezet",
    "available": "beschikbaar",
    "{line}: '{text}' is not a time; write 2025-03-14 08:45 (Amsterdam time) or ISO 8601.": (
        "{line}: '{text}' is geen tijdstip; schrijf 2025-03-14 08:45 (Nederlandse tijd) of "
        "ISO 8601."
    ),
    "{line}: {what} '{text}' is not a whole number of 0 or more.": (
        "{line}: {what} '{text}' is geen geheel getal van 0 of meer."
    ),
    "{name} lacks the column(s) {missing}; a capacity "
    "CSV has location, category, total, staffed, occupied and time (Dutch: locatie, "
    "categorie, totaal, bemand, bezet, tijd).": (
        "In {name} ontbreekt de kolom of ontbreken de kolommen {missing}; een CSV met "
        "capaciteit heeft de kolommen locatie, categorie, totaal, bemand, bezet en tijd (Engels: "
        "location, category, total, staffed, occupied, time)."
    ),
    "{name} is JSON (perhaps FHIR); capacity is imported from EDXL-HAVE (XML) or "
    "a CSV/XLSX with location, category, total, staffed, occupied and time.": (
        "{name} is JSON (misschien FHIR); capaciteit wordt geïmporteerd uit EDXL-HAVE (XML) of "
        "uit een CSV/XLSX met locatie, categorie, totaal, bemand, bezet en tijd."
    ),
    "{name} holds no capacity figures; nothing was imported.": (
        "{name} bevat geen capaciteitscijfers; er is niets geïmporteerd."
    ),
    "{line}: unknown location '{location}'": "{line}: onbekende locatie '{location}'",
    "{line}: unknown category '{category}'": "{line}: onbekende categorie '{category}'",
    "Nothing was imported: {problems}{more}. 'capacity locations' and "
    "'capacity categories' list the known ones.": (
        "Er is niets geïmporteerd: {problems}{more}. 'capacity locations' en "
        "'capacity categories' tonen de bekende locaties en categorieën."
    ),
    " (and {n} more)": " (en nog {n})",
    "{line}: {problem} Nothing was imported.": "{line}: {problem} Er is niets geïmporteerd.",
    "{line}: {what} '{text}' is not a whole number.": (
        "{line}: {what} '{text}' is geen geheel getal."
    ),
    "{line}: {what} cannot be negative ({value}).": (
        "{line}: {what} kan niet negatief zijn ({value})."
    ),
    "The XML file declares a DTD or entities (possibly referring to files on this "
    "computer: {kind}); it is refused and nothing was imported. Ask "
    "the sender for plain EDXL-HAVE without a DOCTYPE.": (
        "Het XML-bestand declareert een DTD of entiteiten (die mogelijk verwijzen naar "
        "bestanden op deze computer: {kind}); het is geweigerd en er is niets geïmporteerd. "
        "Vraag de afzender om gewone EDXL-HAVE zonder DOCTYPE."
    ),
    "The file is not well-formed XML ({reason}); nothing was imported.": (
        "Het bestand is geen geldige XML ({reason}); er is niets geïmporteerd."
    ),
    "This XML is not EDXL-HAVE 1.0 (root element {root}, expected "
    "{expected}); nothing was imported.": (
        "Deze XML is geen EDXL-HAVE 1.0 (hoofdelement {root}, verwacht "
        "{expected}); er is niets geïmporteerd."
    ),
    "Hospital {hospital}, BedCapacity {bed}": "Hospital {hospital}, BedCapacity {bed}",
    "{line}: bed type '{bed_type}' has no counts or no matching category "
    "(known: {known}); nothing was imported.": (
        "{line}: beddentype '{bed_type}' heeft geen aantallen of geen passende categorie "
        "(bekend: {known}); er is niets geïmporteerd."
    ),
    "{line}: '{text}' is not a date and time (xs:dateTime).": (
        "{line}: '{text}' is geen datum en tijd (xs:dateTime)."
    ),
    "{line}: the time '{text}' has no time zone.": (
        "{line}: bij het tijdstip '{text}' staat geen tijdzone."
    ),
    # exchange: contact import (mapping.py, import_source.py, import_planner.py, ...)
    "Cannot read the mapping file {path} ({reason}); give a JSON object like {example}.": (
        "Kan het koppelbestand {path} niet lezen ({reason}); geef een JSON-object zoals {example}."
    ),
    "{path} must hold a JSON object like {example}.": (
        "{path} moet een JSON-object bevatten zoals {example}."
    ),
    "'{part}' is not HEADER=FIELD; write e.g. --mapping 'Tel2=mobile,Naam=name'.": (
        "'{part}' heeft niet de vorm KOLOM=VELD; schrijf bijvoorbeeld --mapping "
        "'Tel2=mobile,Naam=name'."
    ),
    "Unknown field '{field}' for column '{header}'. Fields: {fields}.": (
        "Onbekend veld '{field}' voor kolom '{header}'. Velden: {fields}."
    ),
    "The file has no column '{header}'. Its columns: {columns}.": (
        "Het bestand heeft geen kolom '{header}'. De kolommen: {columns}."
    ),
    "No column holds the name (Naam, or Voornaam and Achternaam). Map one with "
    "--mapping 'KOLOM=name'.": (
        "Geen enkele kolom bevat de naam (Naam, of Voornaam en Achternaam). Koppel er een met "
        "--mapping 'KOLOM=name'."
    ),
    "The file has no column '{header}'.": "Het bestand heeft geen kolom '{header}'.",
    "Unknown field '{field}'. Fields: {fields}.": "Onbekend veld '{field}'. Velden: {fields}.",
    "Unknown sector '{sector}' for --sector.": "Onbekende sector '{sector}' bij --sector.",
    "{n} rows have problems (first: row {first}); nothing was imported. "
    "Fix them in the file and import again, or use --skip-bad-rows to import "
    "the other rows.": (
        "{n} rijen hebben problemen (de eerste: rij {first}); er is niets geïmporteerd. "
        "Herstel ze in het bestand en importeer opnieuw, of gebruik --skip-bad-rows om de "
        "overige rijen te importeren."
    ),
    # exchange/import_report.py: the row-by-row report
    "name missing": "naam ontbreekt",
    "invalid phone number": "ongeldig telefoonnummer",
    "invalid e-mail address": "ongeldig e-mailadres",
    "unknown sector": "onbekende sector",
    "unknown availability": "onbekende bereikbaarheid",
    "duplicate person in the file": "dubbele persoon in het bestand",
    "cell holds a formula": "cel bevat een formule",
    "too many cells in the row": "te veel cellen in de rij",
    "filled cells without a heading": "gevulde cellen zonder kolomkop",
    "112 is the emergency number, not a contact's number": (
        "112 is het alarmnummer, geen nummer van een contact"
    ),
    "sector not known: organisation is 'nog in te delen'": (
        "sector onbekend: organisatie staat op 'nog in te delen'"
    ),
    "column with numbers or addresses is not read": (
        "kolom met nummers of adressen wordt niet ingelezen"
    ),
    "invalid number from import: {value} ({column})": (
        "ongeldig nummer uit import: {value} ({column})"
    ),
    "invalid e-mail address from import: {value} ({column})": (
        "ongeldig e-mailadres uit import: {value} ({column})"
    ),
    "Same person as row {row}: merged.": "Dezelfde persoon als rij {row}: samengevoegd.",
    "At most {n} columns are read.": "Er worden hoogstens {n} kolommen gelezen.",
    "new": "nieuw",
    "update": "bijwerken",
    "unchanged": "ongewijzigd",
    "problem": "probleem",
    "row {row}: {problem} in '{column}': '{value}'": (
        "rij {row}: {problem} in '{column}': '{value}'"
    ),
    "row {row}: {problem} in '{column}'": "rij {row}: {problem} in '{column}'",
    "row {row}: {problem}: '{value}'": "rij {row}: {problem}: '{value}'",
    "row {row}: {problem}": "rij {row}: {problem}",
    "row {row}: {action}: {name}": "rij {row}: {action}: {name}",
    "Row": "Rij",
    "Column": "Kolom",
    "Value": "Waarde",
    "Problem": "Probleem",
    "Detail": "Toelichting",
    # network/
    "The peer's certificate cannot be read; no data was exchanged.": (
        "Het certificaat van het andere apparaat kan niet worden gelezen; er zijn geen "
        "gegevens uitgewisseld."
    ),
    "The peer's certificate is not a Resilient ZCC device certificate.": (
        "Het certificaat van het andere apparaat is geen apparaatcertificaat van Resilient ZCC."
    ),
    "The invitation code is wrong, already used or expired; ask the inviting device "
    "for a new one ('network invite'). Nothing was shared.": (
        "De uitnodigingscode is onjuist, al gebruikt of verlopen; vraag op het uitnodigende "
        "apparaat een nieuwe aan ('network invite'). Er is niets gedeeld."
    ),
    "An invitation is valid between 1 hour and 14 days.": (
        "Een uitnodiging is minimaal 1 uur en maximaal 14 dagen geldig."
    ),
    "That is not an invitation code: it has 8 groups of 4 letters and digits, "
    "like ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567.": (
        "Dat is geen uitnodigingscode: die bestaat uit 8 groepen van 4 letters en cijfers, "
        "zoals ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567."
    ),
    "The inviting device sent a network key that does not open.": (
        "Het uitnodigende apparaat stuurde een netwerksleutel die niet te openen is."
    ),
    "This profile is not in a region network yet: run 'network create' on the first "
    "device, or 'network join CODE --peer HOST:PORT' with an invitation.": (
        "Dit profiel hoort nog niet bij een regionetwerk: voer op het eerste apparaat "
        "'network create' uit, of 'network join CODE --peer HOST:POORT' met een uitnodiging."
    ),
    "This profile is already in a region network; a profile belongs to one network.": (
        "Dit profiel hoort al bij een regionetwerk; een profiel hoort bij één netwerk."
    ),
    "This profile is already in a region network.": "Dit profiel hoort al bij een regionetwerk.",
    "No member device with id '{id}'; 'network members' lists them (give at least 6 characters).": (
        "Geen apparaat in het netwerk met id '{id}'; 'network members' toont de apparaten "
        "(geef minstens 6 tekens)."
    ),
    "'{id}' matches several devices; give more of the id.": (
        "'{id}' past bij meerdere apparaten; geef meer tekens van het id."
    ),
    "A device cannot revoke itself; revoke it from another member.": (
        "Een apparaat kan zichzelf niet intrekken; trek het in vanaf een ander apparaat in het "
        "netwerk."
    ),
    # sync/bundle.py
    "This file is not a Resilient ZCC bundle; nothing was applied.": (
        "Dit bestand is geen bundel van Resilient ZCC; er is niets verwerkt."
    ),
    "The bundle file is damaged or cut short (copy it again from the stick); nothing "
    "was applied.": (
        "Het bundelbestand is beschadigd of onvolledig (kopieer het opnieuw van de USB-stick); "
        "er is niets verwerkt."
    ),
    "The file is too large to be a bundle; nothing was applied.": (
        "Het bestand is te groot voor een bundel; er is niets verwerkt."
    ),
    "This bundle comes from another region network; nothing was applied.": (
        "Deze bundel komt uit een ander regionetwerk; er is niets verwerkt."
    ),
    "The bundle was altered after it was made (its signature does not match); "
    "nothing was applied.": (
        "De bundel is na het maken gewijzigd (de handtekening klopt niet); er is niets verwerkt."
    ),
    "The bundle was made by device {device}, which is not a member of this "
    "network or was revoked; nothing was applied.": (
        "De bundel is gemaakt door apparaat {device}, dat geen deel uitmaakt van dit netwerk "
        "of is ingetrokken; er is niets verwerkt."
    ),
    "This bundle was already imported ({when}); nothing was applied again.": (
        "Deze bundel is al eerder ingelezen ({when}); er is niets opnieuw verwerkt."
    ),
    "The bundle was sealed with a network key this device does not hold (a newer one, "
    "made when a device was revoked, or another network's). Sync with a member over "
    "the network first; nothing was applied.": (
        "De bundel is vergrendeld met een netwerksleutel die dit apparaat niet heeft (een "
        "nieuwere, gemaakt toen een apparaat werd ingetrokken, of die van een ander netwerk). "
        "Synchroniseer eerst via het netwerk met een ander apparaat; er is niets verwerkt."
    ),
    "The bundle cannot be opened with this network's key (made with another key); "
    "nothing was applied.": (
        "De bundel kan niet worden geopend met de sleutel van dit netwerk (gemaakt met een "
        "andere sleutel); er is niets verwerkt."
    ),
    "The bundle's contents are damaged; nothing was applied.": (
        "De inhoud van de bundel is beschadigd; er is niets verwerkt."
    ),
    "The bundle was made by a newer Resilient ZCC (schema {current}; this one "
    "{latest}). Update required; nothing was applied.": (
        "De bundel is gemaakt met een nieuwere Resilient ZCC (schema {current}; deze versie "
        "{latest}). Bijwerken is nodig; er is niets verwerkt."
    ),
    "The bundle holds changes whose signatures do not match; nothing was applied.": (
        "De bundel bevat wijzigingen waarvan de handtekeningen niet kloppen; er is niets verwerkt."
    ),
    # sync/session.py, transport.py, tls.py, wire.py, cli.py
    "{delivered} of {total} changes delivered, connection lost ({reason}); "
    "{received} received and kept. Sync again to continue.": (
        "{delivered} van {total} wijzigingen afgeleverd, verbinding verbroken ({reason}); "
        "{received} ontvangen en bewaard. Synchroniseer opnieuw om verder te gaan."
    ),
    "Cannot listen on {address}: {reason}. Is another 'sync serve' or the desktop "
    "already serving there? Choose another port with --listen HOST:PORT.": (
        "Kan niet luisteren op {address}: {reason}. Draait daar al een 'sync serve' of de "
        "desktop? Kies een andere poort met --listen HOST:PORT."
    ),
    "The peer refused: {reason}": "Het andere apparaat weigerde: {reason}",
    "The peer sent '{kind}' where {expected} was expected.": (
        "Het andere apparaat stuurde '{kind}' waar {expected} werd verwacht."
    ),
    "The peer's hello names another device than its certificate.": (
        "Het hello-bericht van het andere apparaat noemt een ander apparaat dan het certificaat."
    ),
    "The peer belongs to another region network; nothing was exchanged.": (
        "Het andere apparaat hoort bij een ander regionetwerk; er is niets uitgewisseld."
    ),
    "Update required: the peer runs a newer Resilient ZCC (schema {current}, "
    "this one {latest}). Update this device; nothing was exchanged.": (
        "Bijwerken nodig: het andere apparaat gebruikt een nieuwere Resilient ZCC (schema "
        "{current}, dit apparaat {latest}). Werk dit apparaat bij; er is niets uitgewisseld."
    ),
    "The peer's clock is {minutes} minutes ahead of this device's; "
    "check the time on both. Changes still merge in the right order.": (
        "De klok van het andere apparaat loopt {minutes} minuten voor op die van dit apparaat; "
        "controleer op beide de tijd. Wijzigingen worden toch in de juiste volgorde "
        "samengevoegd."
    ),
    "The peer's clock is {minutes} minutes behind this device's; "
    "check the time on both. Changes still merge in the right order.": (
        "De klok van het andere apparaat loopt {minutes} minuten achter op die van dit "
        "apparaat; controleer op beide de tijd. Wijzigingen worden toch in de juiste volgorde "
        "samengevoegd."
    ),
    "Device {device} is not a trusted member here; nothing was applied.": (
        "Apparaat {device} is hier geen vertrouwd lid van het netwerk; er is niets verwerkt."
    ),
    "Peer {device} runs a newer schema; update this device.": (
        "Apparaat {device} gebruikt een nieuwer schema; werk dit apparaat bij."
    ),
    "Peer {device} runs an older schema; it was told to update.": (
        "Apparaat {device} gebruikt een ouder schema; het heeft bericht gekregen dat het moet "
        "worden bijgewerkt."
    ),
    "Changes from the peer carry times up to {minutes} "
    "minutes ahead of this device's clock; check the clocks.": (
        "Wijzigingen van het andere apparaat hebben tijdstempels tot {minutes} minuten later "
        "dan de klok van dit apparaat; controleer de klokken."
    ),
    "{n} batch(es) from devices that are not members here or were revoked were refused.": (
        "Geweigerd: {n} pakket(ten) wijzigingen van apparaten die hier geen lid zijn of zijn "
        "ingetrokken."
    ),
    "'{text}' is not an address; write HOST:PORT, e.g. 127.0.0.1:7400.": (
        "'{text}' is geen adres; schrijf HOST:POORT, bijvoorbeeld 127.0.0.1:7400."
    ),
    "Cannot reach a peer at {host}:{port} ({reason}); check the address "
    "and that 'sync serve' runs there.": (
        "Geen apparaat bereikbaar op {host}:{port} ({reason}); controleer het adres en of "
        "'sync serve' daar draait."
    ),
    "The TLS handshake with {address} failed ({reason}); is it a Resilient ZCC peer?": (
        "De TLS-handshake met {address} is mislukt ({reason}); is dat een apparaat met "
        "Resilient ZCC?"
    ),
    "{address} sent no certificate; not a Resilient ZCC peer.": (
        "{address} stuurde geen certificaat; dat is geen apparaat met Resilient ZCC."
    ),
    "The peer at {address} is device {device}, not {expected}; nothing was sent.": (
        "Het apparaat op {address} is {device}, niet {expected}; er is niets verzonden."
    ),
    "The peer at {address} is device {device}, which is not a trusted member "
    "of this network (unknown or revoked); nothing was sent.": (
        "Het apparaat op {address} is {device}, en dat is geen vertrouwd lid van dit netwerk "
        "(onbekend of ingetrokken); er is niets verzonden."
    ),
    "The connection to {address} broke ({reason}); what arrived was kept, sync "
    "again to continue.": (
        "De verbinding met {address} is verbroken ({reason}); wat al binnen was, is bewaard. "
        "Synchroniseer opnieuw om verder te gaan."
    ),
    "The peer at {address} does not accept this device: it is not (yet) a member there, "
    "or it was revoked ({reason}). Nothing was exchanged.": (
        "Het apparaat op {address} accepteert dit apparaat niet: het is daar (nog) geen lid, "
        "of het is ingetrokken ({reason}). Er is niets uitgewisseld."
    ),
    "Give the inviting device's address: --peer HOST:PORT.": (
        "Geef het adres van het uitnodigende apparaat op: --peer HOST:POORT."
    ),
    "The device at {address} is not the one that made this invitation "
    "({device}); nothing was sent.": (
        "Het apparaat op {address} is niet het apparaat dat deze uitnodiging heeft gemaakt "
        "({device}); er is niets verzonden."
    ),
    "The connection to {address} broke while joining ({reason}).": (
        "De verbinding met {address} is verbroken tijdens het aansluiten ({reason})."
    ),
    "The peer sent an unreadable message ({kind}).": (
        "Het andere apparaat stuurde een onleesbaar bericht ({kind})."
    ),
    "The peer sent a message of an unknown kind.": (
        "Het andere apparaat stuurde een bericht van een onbekende soort."
    ),
    "The peer sent a '{kind}' message without a valid {field}.": (
        "Het andere apparaat stuurde een '{kind}'-bericht zonder geldig {field}."
    ),
    "A message is too large to send; send fewer changes at once.": (
        "Een bericht is te groot om te verzenden; verzend minder wijzigingen tegelijk."
    ),
    "The peer sent a frame of an impossible size or kind.": (
        "Het andere apparaat stuurde een frame met een onmogelijke grootte of soort."
    ),
    "The peer sent a damaged compressed frame.": (
        "Het andere apparaat stuurde een beschadigd gecomprimeerd frame."
    ),
    "The peer sent a frame that is too large or cut short.": (
        "Het andere apparaat stuurde een frame dat te groot of onvolledig is."
    ),
    "The data ends inside a frame header.": "De gegevens eindigen midden in een framekop.",
    "The data ends inside a frame.": "De gegevens eindigen midden in een frame.",
    "The peer sent a batch of changes in the wrong shape.": (
        "Het andere apparaat stuurde een pakket wijzigingen in de verkeerde vorm."
    ),
    "Give --for DEVICE or --all, not both.": "Geef --for APPARAAT of --all op, niet allebei.",
    # printouts/
    "No region matches '{text}'. Regions: {names}.": (
        "Geen regio past bij '{text}'. Regio's: {names}."
    ),
    "none": "geen",
    "'{text}' matches several regions: {names}. Be more precise.": (
        "'{text}' past bij meerdere regio's: {names}. Geef een preciezere naam."
    ),
    "Unknown language '{lang}'. Allowed: {allowed}.": (
        "Onbekende taal '{lang}'. Toegestaan: {allowed}."
    ),
    "The print font is missing (Python package font-source-sans-pro). Reinstall "
    "Resilient ZCC (pip install -e .) and print again.": (
        "Het afdruklettertype ontbreekt (Python-pakket font-source-sans-pro). Installeer "
        "Resilient ZCC opnieuw (pip install -e .) en druk opnieuw af."
    ),
    "The print font files are incomplete ({missing}); reinstall the "
    "package font-source-sans-pro.": (
        "De bestanden van het afdruklettertype zijn onvolledig ({missing}); installeer het "
        "pakket font-source-sans-pro opnieuw."
    ),
    "Unknown sheet '{name}'. Sheets: {sheets}, or '{binder}' for all.": (
        "Onbekend blad '{name}'. Bladen: {sheets}, of '{binder}' voor alle bladen."
    ),
    "The output file must end in .pdf, not '{name}'.": (
        "Het uitvoerbestand moet eindigen op .pdf, niet '{name}'."
    ),
    "The folder {path} does not exist; create it or choose another.": (
        "De map {path} bestaat niet; maak die aan of kies een andere."
    ),
    "This recovery key does not open this profile (mistyped, or replaced by a newer "
    "one). Nothing was printed. Issue a new key with 'resilient-zcc recovery-key'.": (
        "Deze herstelsleutel opent dit profiel niet (verkeerd getypt, of vervangen door een "
        "nieuwere). Er is niets afgedrukt. Maak een nieuwe sleutel aan met "
        "'resilient-zcc recovery-key'."
    ),
    # dashboard_lines.py: the Overzicht, in the window and as 'overview'
    "No phase recorded yet": "Nog geen fase vastgelegd",
    "Phase {phase}: {meaning}": "Fase {phase}: {meaning}",
    "since {since}, decided by {by} on the advice of {advice}": (
        "sinds {since}, besloten door {by} op advies van {advice}"
    ),
    "Noodscenario: ON since {since}": "Noodscenario: AAN sinds {since}",
    "Noodscenario: off": "Noodscenario: uit",
    "Free beds (after places held):": "Vrije bedden (na vastgehouden plaatsen):",
    "No capacity reports yet.": "Nog geen capaciteitsmeldingen.",
    ", {n} location stale": ", {n} locatie verouderd",
    ", {n} locations stale": ", {n} locaties verouderd",
    ", {n} overbezet": ", {n} overbezet",
    "{name}: {free} free ({held} held), oldest figure {age}{stale}": (
        "{name}: {free} vrij ({held} vastgehouden), oudste cijfer {age}{stale}"
    ),
    "Placement queue: {open} open, {overdue} past their target time": (
        "Plaatsingswachtrij: {open} open, {overdue} over de streeftijd"
    ),
    "the whole region": "de hele regio",
    "OUTAGE: {kinds} in {areas}, since {since}": "UITVAL: {kinds} in {areas}, sinds {since}",
    "{n} location below {threshold} h of autonomy: {names}": (
        "{n} locatie onder {threshold} u autonomie: {names}"
    ),
    "{n} locations below {threshold} h of autonomy: {names}": (
        "{n} locaties onder {threshold} u autonomie: {names}"
    ),
    "No location below {threshold} h of autonomy": "Geen locatie onder {threshold} u autonomie",
    "{n} location not heard from since the outage began": (
        "{n} locatie niet gehoord sinds het begin van de uitval"
    ),
    "{n} locations not heard from since the outage began": (
        "{n} locaties niet gehoord sinds het begin van de uitval"
    ),
    "Power-dependent clients at home at risk within {hours} h: {areas}": (
        "Stroomafhankelijke cliënten thuis met risico binnen {hours} u: {areas}"
    ),
    "Resources: open requests {requests}, conflicts {conflicts}": (
        "Middelen: open aanvragen {requests}, conflicten {conflicts}"
    ),
    "expected until {until}": "verwacht tot {until}",
    "no expected end given": "geen verwacht einde opgegeven",
    "SEH stop: {location} ({reason}); {until}": "SEH-stop: {location} ({reason}); {until}",
    ", past its expected end": ", over het verwachte einde heen",
    ", against the regional agreement (SEH stays open in phase 3)": (
        ", tegen de regionale afspraak in (SEH blijft open in fase 3)"
    ),
    "Most urgent: {reference} ({urgency}, waiting {waiting})": (
        "Meest urgent: {reference} ({urgency}, wacht {waiting})"
    ),
    "{request}: no suitable place in the region; escalate": (
        "{request}: geen passende plaats in de regio; opschalen"
    ),
    "{request}: could go to {location} ({category}, {free} free)": (
        "{request}: kan naar {location} ({category}, {free} vrij)"
    ),
    "{n} open conflict": "{n} open conflict",
    "{n} open conflicts": "{n} open conflicten",
    "{n} contact not verified recently": "{n} contact niet recent geverifieerd",
    "{n} contacts not verified recently": "{n} contacten niet recent geverifieerd",
    "{n} location has not reported on time": "{n} locatie heeft niet op tijd gemeld",
    "{n} locations have not reported on time": "{n} locaties hebben niet op tijd gemeld",
    "Printed sheets out of date: {outdated} of {printed}": (
        "Afgedrukte bladen verouderd: {outdated} van {printed}"
    ),
    # sync/transport.py: the server's log lines ('sync serve')
    "refused {remote}: TLS handshake failed ({reason})": (
        "{remote} geweigerd: TLS-handshake mislukt ({reason})"
    ),
    "refused {remote}: device {device} is not a trusted member": (
        "{remote} geweigerd: apparaat {device} is geen vertrouwd lid"
    ),
    "synced with {device} ({remote}): received {received}, sent {sent}": (
        "gesynchroniseerd met {device} ({remote}): {received} ontvangen, {sent} verzonden"
    ),
    "exchange with {remote} ended: {reason}": "uitwisseling met {remote} beëindigd: {reason}",
    "internal error ({kind} at {place}) serving {remote}": (
        "interne fout ({kind} in {place}) bij het bedienen van {remote}"
    ),
    "refused a join from {remote}: {reason}": ("aansluitverzoek van {remote} geweigerd: {reason}"),
    "device {device} joined the network ({remote})": (
        "apparaat {device} is aangesloten bij het netwerk ({remote})"
    ),
    # exchange/export_files.py and store.py: the desktop's exports and worker connections
    "Unknown format '{fmt}'; choose {choices}.": "Onbekend formaat '{fmt}'; kies {choices}.",
    "Cannot tell the format from the name {name}; end it in {choices}.": (
        "Het formaat is niet af te leiden uit de naam {name}; laat die eindigen op {choices}."
    ),
    "Escalating a request needs the route it goes to: {known}, not {target!r}.": (
        "Voor het opschalen van een verzoek is nodig waarheen het gaat: {known}, niet {target!r}."
    ),
    "Refusal reason 'anders' needs an explanation, which is logged (e.g. 'geen isolatiekamer "
    "vrij').": (
        "Weigerreden 'anders' vraagt een toelichting; die wordt vastgelegd (bijv. 'geen "
        "isolatiekamer vrij')."
    ),
    "Refusing an offered place needs a reason from the list: {known} (with 'anders' an "
    "explanation). 'Not our own client' is not a reason.": (
        "Voor het weigeren van een aangeboden plaats is een reden uit de lijst nodig: {known} "
        "(bij 'anders' met toelichting). 'Geen eigen cliënt' is geen reden."
    ),
    "No suitable place in the region: consider the supra-regional route {route} "
    "('placements advance ID opgeschaald --to {route}').": (
        "Geen geschikte plaats in de regio: overweeg de bovenregionale route {route} "
        "('placements advance ID opgeschaald --to {route}')."
    ),
    "No suitable place in the region, and RCPS/LCPS take only hospital patients: look for "
    "room with the regional partners (ZCC consultation), or a shelter as last resort.": (
        "Geen geschikte plaats in de regio, en RCPS/LCPS nemen alleen ziekenhuispatiënten: zoek "
        "ruimte bij de regionale partners (ZCC-overleg), of een noodopvang als laatste "
        "mogelijkheid."
    ),
    "COVID-positive": "COVID-positief",
    "COVID-negative": "COVID-negatief",
    "COVID status not known": "COVID-status onbekend",
    "post-operative": "postoperatief",
    "hospital patient": "ziekenhuispatiënt",
    "expert team report": "rapport expertteam",
    "expert team report, module 5": "rapport expertteam, module 5",
    "Twente regional plan": "regionaal plan Twente",
    "{name} only takes patients who are {wanted} ({source})": (
        "{name} neemt alleen patiënten die {wanted} zijn ({source})"
    ),
    "{name} takes {wanted} patients": "{name} neemt patiënten die {wanted} zijn",
    "{name} does not take {groups} patients ({source})": (
        "{name} neemt geen patiënten die {groups} zijn ({source})"
    ),
    "{name}: the location has '{feature}'": "{name}: de locatie heeft '{feature}'",
    "{name} needs '{feature}', the location does not have it": (
        "{name} vraagt '{feature}', de locatie heeft dat niet"
    ),
    "{name} is the last resort: offered after every other place": (
        "{name} is de laatste mogelijkheid: pas na elke andere plaats"
    ),
    "An HFNO patient needs an adapted ambulance (ambulance+; expert team report, module 4B), "
    "not transport '{transport}'. Choose transport 'ambulance_plus'.": (
        "Een HFNO-patiënt heeft een aangepaste ambulance nodig (ambulance+; rapport expertteam, "
        "module 4B), niet vervoer '{transport}'. Kies vervoer 'ambulance_plus'."
    ),
    "A MICU cannot carry an HFNO patient (HFNO needs far more oxygen than a MICU has; expert "
    "team report, module 4B). Choose transport 'ambulance_plus' (an adapted ambulance+) for "
    "HFNO, or drop HFNO if the patient is ventilated.": (
        "Een MICU kan geen HFNO-patiënt vervoeren (HFNO vraagt veel meer zuurstof dan een MICU "
        "aan boord heeft; rapport expertteam, module 4B). Kies vervoer 'ambulance_plus' (een "
        "aangepaste ambulance+) voor HFNO, of laat HFNO weg als de patiënt beademd wordt."
    ),
    "Escalation to '{target}' is for care needs {takes}, not '{care_need}': supra-regional "
    "transfers through RCPS/LCPS are for hospital patients, VG/LG clients go to the "
    "supra-regional VG cohort, GGZ uses its own routes. Routes for this request: {fitting}.": (
        "Opschalen naar '{target}' is voor zorgvragen {takes}, niet '{care_need}': "
        "bovenregionale verplaatsingen via RCPS/LCPS zijn voor ziekenhuispatiënten, VG/LG-"
        "cliënten gaan naar het bovenregionale VG-cohort, de GGZ gebruikt eigen routes. Routes "
        "voor dit verzoek: {fitting}."
    ),
    "none: solve it in the region": "geen: los het in de regio op",
    "This store was not opened with a key; open the profile again.": (
        "Deze gegevensopslag is niet met een sleutel geopend; open het profiel opnieuw."
    ),
    # crisis/outage.py: the region's outages
    "Unknown kind of outage '{kind}'. Allowed: {allowed}.": (
        "Onbekende soort uitval '{kind}'. Toegestaan: {allowed}."
    ),
    "Declaring an outage needs who decided (decided_by), e.g. 'DPG Twente'.": (
        "Voor het afkondigen van een uitval is nodig wie besloot (decided_by), bijvoorbeeld "
        "'DPG Twente'."
    ),
    "The start of the outage": "Het begin van de uitval",
    "The start of the outage {at} lies in the future (now is {now}); declare it "
    "when it has begun.": (
        "Het begin van de uitval {at} ligt in de toekomst (het is nu {now}); kondig de uitval "
        "af als die begonnen is."
    ),
    "The expected end": "Het verwachte einde",
    "The expected end {end} must lie after the start {start}.": (
        "Het verwachte einde {end} moet na het begin {start} liggen."
    ),
    "This outage is already declared (since {since}); end it first or give another area.": (
        "Deze uitval is al afgekondigd (sinds {since}); beëindig die eerst of geef een ander "
        "gebied."
    ),
    "This outage ended already on {at} ({by}).": "Deze uitval is al beëindigd op {at} ({by}).",
    "Ending an outage needs who decided (decided_by).": (
        "Voor het beëindigen van een uitval is nodig wie besloot (decided_by)."
    ),
    "The end of the outage": "Het einde van de uitval",
    "The outage cannot end ({at}) before it started ({start}).": (
        "De uitval kan niet eindigen ({at}) voordat die begon ({start})."
    ),
    "No outage with id {id}; 'outage show' lists them.": (
        "Geen uitval met id {id}; 'outage show' toont ze."
    ),
    # continuity/model.py and queries: continuity reports
    "Unknown service '{code}' in what is down. Allowed: {allowed}.": (
        "Onbekende voorziening '{code}' bij wat uitgevallen is. Toegestaan: {allowed}."
    ),
    "Unknown power source '{power}'. Allowed: {allowed}.": (
        "Onbekende stroomvoorziening '{power}'. Toegestaan: {allowed}."
    ),
    "Hours of autonomy must be a number, not {value!r}.": (
        "Uren autonomie moeten een getal zijn, niet {value!r}."
    ),
    "Hours of autonomy cannot be negative ({hours}); give 0 or more.": (
        "Uren autonomie kunnen niet negatief zijn ({hours}); geef 0 of meer."
    ),
    "{hours} hours of autonomy is more than a month ({most} h); check the figure.": (
        "{hours} uur autonomie is meer dan een maand ({most} u); controleer het getal."
    ),
    "On a generator or battery, give the hours of autonomy left (fuel or charge).": (
        "Geef bij een noodstroomaggregaat of accu de resterende uren autonomie (brandstof of "
        "lading)."
    ),
    "care scale-down": "afschaling van zorg",
    "evacuation state": "evacuatiestatus",
    "source": "bron",
    # homecare/model.py and queries: power-dependent care at home
    "'{area}' is a full postcode, which comes close to an address; give only the "
    "four digits (like 7511) or the municipality.": (
        "'{area}' is een volledige postcode, en dat komt dicht bij een adres; geef alleen de "
        "vier cijfers (zoals 7511) of de gemeente."
    ),
    "'{area}' is not an area; give a municipality (like Enschede) or a four-digit "
    "postcode (like 7511).": (
        "'{area}' is geen gebied; geef een gemeente (zoals Enschede) of een postcode van vier "
        "cijfers (zoals 7511)."
    ),
    "Unknown kind of power dependency '{kind}'. Allowed: {allowed}.": (
        "Onbekende soort stroomafhankelijkheid '{kind}'. Toegestaan: {allowed}."
    ),
    "Give three counts for {kind}: under 4 hours, 4 to 12 hours, over 12 hours.": (
        "Geef drie aantallen voor {kind}: minder dan 4 uur, 4 tot 12 uur, meer dan 12 uur."
    ),
    "A number of clients must be a whole number, not {value!r}.": (
        "Een aantal cliënten moet een geheel getal zijn, niet {value!r}."
    ),
    "A number of clients cannot be negative ({value}); give 0 or more.": (
        "Een aantal cliënten kan niet negatief zijn ({value}); geef 0 of meer."
    ),
    "Give at least one kind of dependency with its counts (like beademing=1,2,0).": (
        "Geef minstens één soort afhankelijkheid met de aantallen (zoals beademing=1,2,0)."
    ),
    "Give the hours ahead as a whole number of 1 or more, not {value!r}.": (
        "Geef het aantal uren vooruit als geheel getal van 1 of meer, niet {value!r}."
    ),
    # resources: stocks, requests, allocation, conflicts
    "'{code}' is not a resource code; use lower case letters, digits and "
    "underscores (like zuurstofcilinders). Known: {known}.": (
        "'{code}' is geen code van een middel; gebruik kleine letters, cijfers en liggende "
        "streepjes (zoals zuurstofcilinders). Bekend: {known}."
    ),
    "{what} of {value} is implausibly large; check the figure.": (
        "{what} van {value} is onwaarschijnlijk groot; controleer het getal."
    ),
    "{what} {at} lies in the future (now is {now}).": (
        "{what} {at} ligt in de toekomst (het is nu {now})."
    ),
    "location or depot": "locatie of depot",
    "A stock": "Een voorraad",
    "Who counted the stock (counted_by)": "Wie de voorraad telde (counted_by)",
    "The moment of the count": "Het moment van tellen",
    "The quantity asked for": "Het gevraagde aantal",
    "A request asks for at least 1.": "Een aanvraag vraagt om minstens 1.",
    "The reason for the request": "De reden van de aanvraag",
    "Who asks (requested_by)": "Wie aanvraagt (requested_by)",
    "The moment it is needed by": "Het moment waarop het nodig is",
    "It is needed by {needed}, which has passed (now is {now}); give a later "
    "time, or none for as soon as possible.": (
        "Het is nodig op {needed}, en dat is voorbij (het is nu {now}); geef een later "
        "tijdstip, of geen voor zo snel mogelijk."
    ),
    "No resource request with id {id}; 'resources requests' lists them.": (
        "Geen aanvraag met id {id}; 'resources requests' toont ze."
    ),
    "No stock with id {id}; 'resources stock' lists them.": (
        "Geen voorraad met id {id}; 'resources stock' toont ze."
    ),
    "none (it is closed)": "geen (de aanvraag is afgesloten)",
    "A request that is {state} cannot become {target}; next steps: {allowed}.": (
        "Een aanvraag met status {state} kan niet {target} worden; volgende stappen: {allowed}."
    ),
    "Who takes the step (by)": "Wie de stap zet (by)",
    "This step is dated {at}, before the request's last step ({since}).": (
        "Deze stap is gedateerd op {at}, vóór de laatste stap van de aanvraag ({since})."
    ),
    "This stock holds {stock}, the request asks for {asked}; choose a stock of {asked}.": (
        "Deze voorraad bevat {stock}, de aanvraag vraagt om {asked}; kies een voorraad {asked}."
    ),
    "The quantity allocated": "Het toegewezen aantal",
    "Allocate at least 1, or refuse the request with a reason.": (
        "Wijs minstens 1 toe, of weiger de aanvraag met een reden."
    ),
    "Allocating {amount} is more than the {asked} asked for.": (
        "{amount} toewijzen is meer dan de gevraagde {asked}."
    ),
    "Allocating {amount} is more than the stock has free ({free} of {quantity} "
    "counted); allocate at most {free} or choose another stock.": (
        "{amount} toewijzen is meer dan de voorraad vrij heeft ({free} van {quantity} "
        "geteld); wijs hoogstens {free} toe of kies een andere voorraad."
    ),
    "A refusal needs a reason (like 'voorraad nodig voor ziekenhuizen'); the requester reads it.": (
        "Een weigering heeft een reden nodig (zoals 'voorraad nodig voor ziekenhuizen'); de "
        "aanvrager leest die."
    ),
    "Taking back an allocation needs a reason; it is kept with it.": (
        "Het intrekken van een toewijzing heeft een reden nodig; die wordt erbij bewaard."
    ),
    "supplier": "leverancier",
    "Only an organisation of the sector 'leverancier' can be a supplier; change its "
    "sector first.": (
        "Alleen een organisatie uit de sector 'leverancier' kan leverancier zijn; wijzig eerst "
        "de sector."
    ),
    "No resource conflict with id {id}; 'resources conflicts' lists them.": (
        "Geen conflict over middelen met id {id}; 'resources conflicts' toont ze."
    ),
    "Describe how the conflict was settled (like 'toewijzing aan Livio ingetrokken'); "
    "it is kept with the conflict.": (
        "Beschrijf hoe het conflict is opgelost (zoals 'toewijzing aan Livio ingetrokken'); "
        "dat wordt bij het conflict bewaard."
    ),
    # settings.py: the outage picture's settings
    "A location with fewer hours of power autonomy left than this is flagged.": (
        "Een locatie met minder resterende uren stroomautonomie dan dit wordt gemarkeerd."
    ),
    "A continuity report older than this many hours is marked stale.": (
        "Een continuïteitsmelding ouder dan dit aantal uren is verouderd."
    ),
    "While the region is in an outage, a continuity report or home-care figure "
    "older than this many hours is marked stale.": (
        "Zolang de regio in een uitval zit, is een continuïteitsmelding of thuiszorgcijfer "
        "ouder dan dit aantal uren verouderd."
    ),
    # cli/outage.py and cli/resources.py
    "'{text}' matches several organisations ({names}); give more of the name.": (
        "'{text}' past bij meerdere organisaties ({names}); geef meer van de naam."
    ),
    "outage": "uitval",
    "'{value}' is not KIND=UNDER_4H,4_TO_12H,OVER_12H, like beademing=1,2,0.": (
        "'{value}' is niet SOORT=ONDER_4U,4_TOT_12U,BOVEN_12U, zoals beademing=1,2,0."
    ),
    "resource request": "aanvraag van middelen",
    "stock": "voorraad",
    # sitrap/: the situation report, its radio text and rhythm
    "(source: {source}, as of {at})": "(bron: {source}, stand {at})",
    "SITRAP (preview) {region}": "SITRAP (voorbeeld) {region}",
    "{n} location under {hours} h of autonomy": "{n} locatie onder {hours} u autonomie",
    "{n} locations under {hours} h of autonomy": "{n} locaties onder {hours} u autonomie",
    "Clients at home at risk within {hours} h: {n}": (
        "Thuiswonende cliënten in gevaar binnen {hours} u: {n}"
    ),
    "Open resource requests: {n}, conflicts: {conflicts}": (
        "Open aanvragen middelen: {n}, conflicten: {conflicts}"
    ),
    "Emergency departments: {stops} of {n} stopped": "SEH's: {stops} van {n} met opvangstop",
    "Most urgent: {urgency}, waiting {waiting}": "Meest urgent: {urgency}, wacht {waiting}",
    "Decisions since sitrap of {at}": "Besluiten sinds de sitrap van {at}",
    "Decisions in the last 24 hours (first sitrap)": (
        "Besluiten van de laatste 24 uur (eerste sitrap)"
    ),
    "SITRAP {number} {region}": "SITRAP {number} {region}",
    "Made {at} by {by}": "Opgesteld {at} door {by}",
    "END OF SITRAP {number}": "EINDE SITRAP {number}",
    "decided by {by}; approval: {approval}": "besloten door {by}; instemming: {approval}",
    "Outages: none declared": "Uitval: geen afgekondigd",
    "{kind} in {area} since {since}": "{kind} in {area} sinds {since}",
    "{n} location not heard from since the outage": ("{n} locatie niet gehoord sinds de uitval"),
    "{n} locations not heard from since the outage": ("{n} locaties niet gehoord sinds de uitval"),
    "Emergency departments: none known": "SEH's: geen bekend",
    "No decisions since the last sitrap.": "Geen besluiten sinds de vorige sitrap.",
    "JUDGEMENT (oordeel)": "OORDEEL",
    "PROPOSED DECISIONS (besluit)": "VOORGESTELDE BESLUITEN",
    "logbook": "logboek",
    "continuity reports": "continuïteitsmeldingen",
    "SEH reports": "SEH-meldingen",
    "capacity reports": "capaciteitsmeldingen",
    "placement queue": "plaatsingswachtrij",
    "Deciding body: {body}": "Besluitvormend orgaan: {body}",
    "(past its end)": "(verwachte einde verstreken)",
    "- {name}: stop until {until}": "- {name}: opvangstop tot {until}",
    "call rounds": "belrondes",
    "No call rounds since the last sitrap.": "Geen belrondes sinds de vorige sitrap.",
    "Round {number}: {reached} of {total} reached": (
        "Belronde {number}: {reached} van {total} bereikt"
    ),
    "not reached: {who}": "niet bereikt: {who}",
    " and {n} others": " en {n} anderen",
    "PICTURE: call rounds": "BEELD: belrondes",
    "PICTURE: phase": "BEELD: fase",
    "PICTURE: outage and continuity": "BEELD: uitval en continuïteit",
    "PICTURE: emergency departments": "BEELD: spoedeisende hulp",
    "PICTURE: capacity": "BEELD: capaciteit",
    "PICTURE: queue": "BEELD: wachtrij",
    "(none entered)": "(niet ingevuld)",
    "The judgement (oordeel) is {length} characters; keep it under {maximum} so the "
    "sitrap fits its page and can be read out.": (
        "Het oordeel is {length} tekens; houd het onder {maximum}, zodat de sitrap op de "
        "pagina past en voor te lezen is."
    ),
    "{count} proposed decisions is too many for one sitrap; give at most {maximum}.": (
        "{count} voorgestelde besluiten is te veel voor één sitrap; geef er hoogstens {maximum}."
    ),
    "No sitrap has been made yet; make one with 'resilient-zcc sitrap make'.": (
        "Er is nog geen sitrap gemaakt; maak er een met 'resilient-zcc sitrap make'."
    ),
    "No sitrap number {number}; 'resilient-zcc sitrap list' shows the kept ones.": (
        "Geen sitrap nummer {number}; 'resilient-zcc sitrap list' toont de bewaarde."
    ),
    "A situation report (sitrap) is due every this many hours.": (
        "Elke zoveel uur is een situatierapport (sitrap) nodig."
    ),
    "The first hour of the day (local time) a sitrap is due.": (
        "Het eerste uur van de dag (lokale tijd) waarop een sitrap nodig is."
    ),
    "The last hour of the day (local time) a sitrap may be due.": (
        "Het laatste uur van de dag (lokale tijd) waarop een sitrap nodig kan zijn."
    ),
    "Sitrap {number} made {at}; next due {due}": (
        "Sitrap {number} gemaakt {at}; volgende nodig {due}"
    ),
    "Sitrap {number} made {at}; next was due {due}: OVERDUE": (
        "Sitrap {number} gemaakt {at}; volgende was nodig {due}: TE LAAT"
    ),
    "No sitrap made yet; first due {due}": "Nog geen sitrap gemaakt; eerste nodig {due}",
    "Escalated beyond the region (RCPS/LCPS, VG cohort): {n}": (
        "Bovenregionaal opgeschaald (RCPS/LCPS, VG-cohort): {n}"
    ),
    # placements/matching.py: the location's continuity (power, evacuation)
    "the location has no power left": "de locatie heeft geen stroom meer",
    "only {hours} h of power autonomy left: call before placing": (
        "nog maar {hours} u stroomautonomie: eerst bellen, dan plaatsen"
    ),
    "the location is evacuating or preparing to": (
        "de locatie evacueert of bereidt evacuatie voor"
    ),
    # contacts/who.py, by id
    "No function with id {id}.": "Geen functie met id {id}.",
    # rounds/: call rounds (belronde)
    "The round's message": "Het bericht van de belronde",
    "Who starts the round (started_by)": "Wie de belronde start (started_by)",
    "recipient group": "groep ontvangers",
    "figure to ask": "uit te vragen getal",
    "A round needs recipients: name a group ({groups}) or functions. No function "
    "in this profile fits what was asked.": (
        "Een belronde heeft ontvangers nodig: noem een groep ({groups}) of functies. Geen "
        "functie in dit profiel past bij wat is gevraagd."
    ),
    "The start of the round": "Het begin van de belronde",
    "Round {number} was closed at {at}; marks can no longer be added. Start a new "
    "round to reach the others.": (
        "Belronde {number} is gesloten om {at}; er kan niets meer worden afgevinkt. Start een "
        "nieuwe belronde om de anderen te bereiken."
    ),
    "Round {number} has no recipient '{ref}'; give its number (1 to {count}).": (
        "Belronde {number} heeft geen ontvanger '{ref}'; geef het nummer (1 tot en met {count})."
    ),
    "The figure must be a number, not {value!r}.": "Het getal moet een getal zijn, niet {value!r}.",
    "The figure {value} is out of range; give 0 or more.": (
        "Het getal {value} valt buiten het bereik; geef 0 of meer."
    ),
    "Only a reached recipient gives a figure.": "Alleen een bereikte ontvanger geeft een getal.",
    "Say by which channel the recipient was reached. Allowed: {allowed}.": (
        "Geef aan via welk kanaal de ontvanger is bereikt. Toegestaan: {allowed}."
    ),
    "A reached recipient has no next step or retry time.": (
        "Een bereikte ontvanger heeft geen volgende stap of tijd om het opnieuw te proberen."
    ),
    "next step": "volgende stap",
    "Only a figure of hours of autonomy can go into the continuity status; "
    "this round asks {figure}.": (
        "Alleen een aantal uren autonomie kan in de continuïteitsstatus; deze belronde vraagt "
        "{figure}."
    ),
    "Hours of autonomy go with a generator or battery ({allowed}), not '{power}'.": (
        "Uren autonomie horen bij een aggregaat of accu ({allowed}), niet bij '{power}'."
    ),
    "Who marks (by)": "Wie afvinkt (by)",
    "The moment of the mark": "Het moment van afvinken",
    "The retry time": "De tijd om het opnieuw te proberen",
    "The retry time {retry} lies before now ({now}).": (
        "De tijd om het opnieuw te proberen ({retry}) ligt vóór nu ({now})."
    ),
    "Who closes the round (by)": "Wie de belronde sluit (by)",
    "The end of the round": "Het einde van de belronde",
    "Name a round by its number; 'round show' lists them.": (
        "Noem een belronde bij haar nummer; 'round show' toont ze."
    ),
    "No call round '{ref}'; 'round show' lists the rounds.": (
        "Geen belronde '{ref}'; 'round show' toont de belrondes."
    ),
    "Round {ref} exists {count} times (started on two devices while apart); name it "
    "by id: {ids}.": (
        "Belronde {ref} bestaat {count} keer (los van elkaar gestart op twee apparaten); noem "
        "haar bij id: {ids}."
    ),
    "'{text}' is not a number; give the figure as digits, like 6 or 6,5.": (
        "'{text}' is geen getal; geef het getal in cijfers, zoals 6 of 6,5."
    ),
    "{organisation} has {count} locations, so the figure cannot go into one "
    "location's continuity by itself; report it with 'continuity report' (or the "
    "CLI's round mark --continuity LOC).": (
        "{organisation} heeft {count} locaties, dus het getal kan niet vanzelf in de "
        "continuïteit van één locatie; meld het met 'continuity report' (of op de "
        "opdrachtregel met round mark --continuity LOC)."
    ),
    # exchange/continuity_csv.py, continuity_import.py: continuity reports from a file
    "unknown location": "onbekende locatie",
    "invalid value": "ongeldige waarde",
    "report refused": "melding geweigerd",
    "Allowed: {allowed}.": "Toegestaan: {allowed}.",
    "Give the hours as a number, e.g. 12,5.": "Geef de uren als getal, bijvoorbeeld 12,5.",
    "The time the figures were true.": "Het tijdstip waarop de cijfers klopten.",
    "{name} lacks the column(s) {missing}; a continuity CSV has location, power, "
    "autonomy_hours and time, and may have down, care_scaled, evacuation, note, "
    "reporter and source (Dutch: locatie, stroom, uren, tijd, ligt eruit, "
    "afgeschaald, evacuatie, toelichting, melder, bron).": (
        "{name} mist de kolom(men) {missing}; een continuïteits-CSV heeft locatie, stroom, "
        "uren en tijd, en eventueel ligt eruit, afgeschaald, evacuatie, toelichting, melder "
        "en bron (Engels: location, power, autonomy_hours, time, down, care_scaled, "
        "evacuation, note, reporter, source)."
    ),
    "{name} holds no continuity reports; nothing was imported.": (
        "{name} bevat geen continuïteitsmeldingen; er is niets geïmporteerd."
    ),
}
