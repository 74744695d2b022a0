//! The terms the mapping writes, mirrored from `ontology/nea.ttl` and the vocabularies
//! it aligns to. A test checks that every `nea:` constant here is declared in the
//! ontology, so the two cannot drift apart.

/// The namespaces the graph uses, as (prefix, IRI); exports declare those in use.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("nea", NEA),
    ("oa", OA),
    ("owl", OWL),
    ("prov", PROV),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("schema", SCHEMA),
    ("skos", SKOS),
    ("time", TIME),
    ("vann", "http://purl.org/vocab/vann/"),
    ("void", VOID),
    ("wd", WD),
    ("xsd", XSD),
];

pub const NEA: &str = "https://w3id.org/nea-kg/ontology#";
pub const NEA_ONTOLOGY: &str = "https://w3id.org/nea-kg/ontology";
pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const SCHEMA: &str = "http://schema.org/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const TIME: &str = "http://www.w3.org/2006/time#";
pub const VOID: &str = "http://rdfs.org/ns/void#";
pub const WD: &str = "http://www.wikidata.org/entity/";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

macro_rules! terms {
    ($module:ident, $ns:literal, { $($name:ident = $local:literal),* $(,)? }) => {
        pub mod $module {
            use oxrdf::NamedNodeRef;
            $(pub const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!($ns, $local));)*
            /// Every term of this module, for checks against the ontology.
            #[allow(dead_code)]
            pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
        }
    };
}

terms!(nea, "https://w3id.org/nea-kg/ontology#", {
    ENTITY = "Entity", FACT = "Fact", STATEMENT = "Statement", EVENT = "Event", STATISTIC = "Statistic",
    CLAIM = "Claim", EVIDENCE = "Evidence", MENTION = "Mention",
    STATED = "Stated", INFERRED = "Inferred", BACKGROUND = "Background",
    ENDORSES = "Endorses", REJECTS = "Rejects",
    AUTHOR_VOICE = "AuthorVoice", OTHERS_VOICE = "OthersVoice",
    DATE = "date", ORDINAL = "ordinal", ROLE = "role", OUTCOME = "outcome",
    APPROXIMATE = "approximate", PARAGRAPH = "paragraph", SENTENCE = "sentence",
    REPORTING_PHRASE = "reportingPhrase", SHA256 = "sha256",
    PARTICIPANT = "participant", CONCERNS = "concerns", PLACE = "place",
    FOLLOWS = "follows", PREPARES = "prepares", PART_OF_SERIES = "partOfSeries",
    MENTION_OF = "mentionOf", STATISTIC_OF = "statisticOf",
    BASIS = "basis", DATE_BASIS = "dateBasis", KNOWN_BY = "knownBy", DATE_KNOWN_BY = "dateKnownBy", VOICE = "voice", STANCE = "stance",
    REPORTS = "Reports", NAMED_VOICE = "NamedVoice", JOINT_VOICE = "JointVoice",
    CLAIMANT = "claimant", ATTRIBUTION = "attribution",
    STATUS = "status", HAPPENED = "Happened", ONGOING = "Ongoing", PLANNED = "Planned",
    CANCELLED = "Cancelled", NEGATED = "negated",
    START_DATE = "startDate", END_DATE = "endDate", DATE_AFTER = "dateAfter",
    DATE_BEFORE = "dateBefore",
    BOUND = "bound", AT_LEAST = "AtLeast", MORE_THAN = "MoreThan", AT_MOST = "AtMost",
    LESS_THAN = "LessThan", CHANGE = "change", RISE = "Rise", FALL = "Fall",
    FROM_VALUE = "fromValue", TO_VALUE = "toValue",
    NESTED_IN = "nestedIn", REPORTS_EVENT = "reportsEvent",
    PUBLISHED_AFTER = "publishedAfter", PUBLISHED_BEFORE = "publishedBefore",
    PUBLICATION_DATE_BASIS = "publicationDateBasis",
    NEWS_REPORT = "NewsReport", OPINION_PIECE = "OpinionPiece",
    OFFICIAL_STATEMENT = "OfficialStatement", JOINT_DECLARATION = "JointDeclaration",
    ENCYCLOPEDIA_ENTRY = "EncyclopediaEntry", INTERVIEW = "Interview",
    SUBJECT = "subject", PREDICATE = "predicate", OBJECT = "object", OBJECT_VALUE = "objectValue",
    PUBLISHED_IN = "publishedIn",
});

terms!(schema, "http://schema.org/", {
    OPINION_NEWS_ARTICLE = "OpinionNewsArticle", CLAIM = "Claim",
    MONETARY_AMOUNT = "MonetaryAmount", SOFTWARE_APPLICATION = "SoftwareApplication",
    QUANTITATIVE_VALUE = "QuantitativeValue",
    HEADLINE = "headline", ALTERNATIVE_HEADLINE = "alternativeHeadline", TEXT = "text",
    IN_LANGUAGE = "inLanguage", AUTHOR = "author", APPEARANCE = "appearance", ABOUT = "about",
    VALUE = "value", UNIT_TEXT = "unitText", UNIT_CODE = "unitCode", CURRENCY = "currency",
    SOFTWARE_VERSION = "softwareVersion", NAME = "name",
    NEWS_ARTICLE = "NewsArticle", ARTICLE = "Article", DATE_PUBLISHED = "datePublished",
    URL = "url", PUBLISHER = "publisher", IS_PART_OF = "isPartOf",
    LOCATION_CREATED = "locationCreated", MIN_VALUE = "minValue", MAX_VALUE = "maxValue",
    DATE_CREATED = "dateCreated",
});

terms!(time, "http://www.w3.org/2006/time#", {
    HAS_TIME = "hasTime", INSTANT = "Instant", INTERVAL = "Interval",
    HAS_BEGINNING = "hasBeginning", HAS_END = "hasEnd", AFTER = "after", BEFORE = "before",
    IN_XSD_G_YEAR = "inXSDgYear", IN_XSD_G_YEAR_MONTH = "inXSDgYearMonth",
    IN_XSD_DATE = "inXSDDate",
});

terms!(oa, "http://www.w3.org/ns/oa#", {
    TEXT_QUOTE_SELECTOR = "TextQuoteSelector", TEXT_POSITION_SELECTOR = "TextPositionSelector",
    HAS_SOURCE = "hasSource", HAS_SELECTOR = "hasSelector", EXACT = "exact", PREFIX = "prefix",
    SUFFIX = "suffix", START = "start", END = "end", HAS_TARGET = "hasTarget",
    ANNOTATION = "Annotation", SPECIFIC_RESOURCE = "SpecificResource",
});

terms!(prov, "http://www.w3.org/ns/prov#", {
    WAS_DERIVED_FROM = "wasDerivedFrom", WAS_GENERATED_BY = "wasGeneratedBy", USED = "used",
    WAS_ASSOCIATED_WITH = "wasAssociatedWith", ACTIVITY = "Activity",
    SOFTWARE_AGENT = "SoftwareAgent",
});

terms!(skos, "http://www.w3.org/2004/02/skos/core#", {
    PREF_LABEL = "prefLabel", ALT_LABEL = "altLabel", NOTATION = "notation",
});

terms!(void, "http://rdfs.org/ns/void#", {
    DATASET = "Dataset", TRIPLES = "triples", SUBSET = "subset",
});

terms!(dcat, "http://www.w3.org/ns/dcat#", {
    DATASET = "Dataset", DISTRIBUTION = "Distribution", DATA_SERVICE = "DataService",
    DISTRIBUTION_PROPERTY = "distribution", MEDIA_TYPE = "mediaType", ACCESS_URL = "accessURL",
    ENDPOINT_URL = "endpointURL", ENDPOINT_DESCRIPTION = "endpointDescription",
    SERVES_DATASET = "servesDataset", KEYWORD = "keyword", THEME = "theme",
});

terms!(dcterms, "http://purl.org/dc/terms/", {
    TITLE = "title", SOURCE = "source", DESCRIPTION = "description",
    LICENSE = "license", RIGHTS = "rights", FORMAT = "format",
    LICENSE_DOCUMENT = "LicenseDocument", RIGHTS_STATEMENT = "RightsStatement",
    MEDIA_TYPE = "MediaType", MEDIA_TYPE_OR_EXTENT = "MediaTypeOrExtent",
});

/// The licence of the graph (all but the articles' words; see `dataset`).
pub const GRAPH_LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";
/// The theme of the dataset in the EU's data-theme table (DCAT-AP's vocabulary for
/// `dcat:theme`): international issues.
pub const THEME_INTERNATIONAL: &str =
    "http://publications.europa.eu/resource/authority/data-theme/INTR";
/// IANA's media types register, under which each media type has an IRI.
pub const IANA_MEDIA_TYPES: &str = "https://www.iana.org/assignments/media-types/";
/// The EU's file-type authority table, which DCAT-AP uses for `dcterms:format`.
pub const EU_FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";

terms!(owl, "http://www.w3.org/2002/07/owl#", {
    SAME_AS = "sameAs", CLASS = "Class", OBJECT_PROPERTY = "ObjectProperty",
    DATATYPE_PROPERTY = "DatatypeProperty",
});

pub use oxrdf::vocab::{rdf, rdfs, xsd};

/// Expands a prefixed name (`schema:foundingDate`) with the known prefixes.
pub fn expand(curie: &str) -> Option<String> {
    let (prefix, local) = curie.split_once(':')?;
    let ns = PREFIXES.iter().find(|(p, _)| *p == prefix)?.1;
    let ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then(|| format!("{ns}{local}"))
}

/// An IRI as a prefixed name with a known prefix (`schema:jobTitle`), if one fits.
pub fn compact(iri: &str) -> Option<String> {
    PREFIXES.iter().find_map(|(prefix, ns)| {
        iri.strip_prefix(ns)
            .filter(|local| !local.is_empty() && !local.contains(['/', '#']))
            .map(|local| format!("{prefix}:{local}"))
    })
}

/// The local name of a `nea:` term, if it is one.
pub fn nea_local(iri: &str) -> Option<&str> {
    iri.strip_prefix(NEA)
}

/// A class or individual of the ontology, by local name.
pub fn nea_term(local: &str) -> String {
    format!("{NEA}{local}")
}
