# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_nea_kg_global_optspecs
    string join \n q/quiet v/verbose h/help V/version
end

function __fish_nea_kg_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_nea_kg_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_nea_kg_using_subcommand
    set -l cmd (__fish_nea_kg_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c nea-kg -n "__fish_nea_kg_needs_command" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -s V -l version -d 'Print version'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "export" -d 'Write the whole graph as RDF (Turtle to stdout by default)'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "query" -d 'Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over all graphs'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "queries" -d 'List the shipped queries and the questions they answer'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "describe" -d 'Show one entity: its names in every language, types, relations, events and the sentences of the article that support them'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "build" -d 'Build a persistent store (RocksDB) in DIR from the articles, with Oxigraph\'s bulk loader; every command then takes --store DIR. Needs the rocksdb feature'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "validate" -d 'Check the graph (or any RDF file) against the SHACL shapes and the article\'s text; exit status 1 when it does not conform'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "push" -d 'Load the graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "serve" -d 'Serve the graph until stopped: a read-only SPARQL 1.1 endpoint, the graph\'s resources as linked data, and pages that show the article with its evidence'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "completions" -d 'Write the completion script of a shell to stdout (also shipped in docs/completions/)'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "man" -d 'Write a manual page (roff) to stdout: nea-kg\'s, or one command\'s (also shipped in docs/man/)'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "draft" -d 'Draft a fact sheet for an article from its text and the registry: every item quotes the article and is marked `draft = true` until a person confirms it'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "coverage" -d 'Show which sentences of an article its sheet covers (facts, claims, figures, mentions, skips) and which nothing covers; exit status 1 below --min'
complete -c nea-kg -n "__fish_nea_kg_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -s f -l format -d 'The RDF format: ttl, nt, nq, trig, rdf (RDF/XML), jsonld (compact, the union of the graphs) or jsonld-dataset (compact, the named graphs kept), as an extension or a media type; add .gz to compress (nq.gz) [default: from the output file\'s extension, kg.nq.gz say, else ttl]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l graphs -d 'Which graphs: the article graphs, the entities they name, the ontology, the dataset description (metadata), or all. Formats without named graphs get their union' -r -f -a "article\t'Every article\'s graph: its facts, claims, mentions and evidence'
entities\t'The entities the articles name (types, labels, Wikidata links), one graph shared by all the articles'
ontology\t'The ontology'
metadata\t'The dataset description (VoID, DCAT, PROV)'
all\t'All of them'"
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -s o -l output -d 'Write to this file (atomically: a temporary file, then a rename) instead of stdout; - is stdout' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l article -d 'An article\'s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l facts -d 'The article\'s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l entities -d 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l corpus -d 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l store -d 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l base -d 'The base IRI under which every resource\'s IRI is built' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l max-memory -d 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine\'s memory]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l no-text -d 'Leave the articles\' text (schema:text) out: for a graph shared where the text\'s rights do not allow it (the rights stay with the publisher; see the dataset description\'s dcterms:rights)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l no-default-entities -d 'Leave the built-in registry out: the registries are only those of --entities (and the corpus\'s entities.toml), as for articles about another region'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -l keep-going -d 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l timeout -d 'Stop the query after this many seconds (decimals allowed), while results stream too' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l bind -d 'Set a parameter of the query: NAME=VALUE replaces the values of its `VALUES ?NAME { … }` block with the string VALUE; a block that holds an IRI is an entity\'s, and VALUE is then one of its names, its id or its IRI' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -s f -l format -d 'Results format: table, csv, tsv, json or xml for SELECT and ASK; ttl, nt, nq, trig, rdf (RDF/XML) or jsonld for CONSTRUCT and DESCRIBE [default: table, or ttl for graph results]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l article -d 'An article\'s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l facts -d 'The article\'s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l entities -d 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l corpus -d 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l store -d 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l base -d 'The base IRI under which every resource\'s IRI is built' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l max-memory -d 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine\'s memory]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l no-default-entities -d 'Leave the built-in registry out: the registries are only those of --entities (and the corpus\'s entities.toml), as for articles about another region'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -l keep-going -d 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand query" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand queries" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand queries" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand queries" -s h -l help -d 'Print help'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -s f -l format -d 'Output: text (a card for people) or json (for scripts)' -r -f -a "text\t'For people'
json\t'For scripts'"
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -l article -d 'An article\'s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -l facts -d 'The article\'s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -l entities -d 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -l corpus -d 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -l store -d 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -l base -d 'The base IRI under which every resource\'s IRI is built' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -l max-memory -d 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine\'s memory]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -l no-default-entities -d 'Leave the built-in registry out: the registries are only those of --entities (and the corpus\'s entities.toml), as for articles about another region'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -l keep-going -d 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand describe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -l article -d 'An article\'s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -l facts -d 'The article\'s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -l entities -d 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -l corpus -d 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -l base -d 'The base IRI under which every resource\'s IRI is built' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -l max-memory -d 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine\'s memory]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -l store -d 'The folder to build the store in: a new one (an existing folder is refused)' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -l no-default-entities -d 'Leave the built-in registry out: the registries are only those of --entities (and the corpus\'s entities.toml), as for articles about another region'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -l keep-going -d 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand build" -s h -l help -d 'Print help'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l data -d 'Validate this RDF file (any format `export` writes, by its extension; .gz too), or - for stdin (with --data-format), instead of the graph built from the article' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l data-format -d 'The format of --data: ttl, nt, nq, trig, rdf or jsonld, as an extension or a media type, with .gz if compressed [default: from the file\'s extension]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l shapes -d 'The SHACL shapes (Turtle), or - for stdin [default: the embedded ontology/shapes.ttl]' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l ontology -d 'Add this RDF file (an ontology, say: the class hierarchy that sh:class and sh:targetClass follow) to the data graph; may be repeated' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -s f -l format -d 'Report: text (a line per violation), json, or a SHACL validation report (sh:ValidationReport) as ttl or jsonld' -r -f -a "text\t'A line per violation, for people'
json\t'For scripts'
ttl\t'A SHACL validation report in Turtle'
jsonld\t'A SHACL validation report in JSON-LD'"
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l article -d 'An article\'s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l facts -d 'The article\'s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l entities -d 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l corpus -d 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l store -d 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l base -d 'The base IRI under which every resource\'s IRI is built' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l max-memory -d 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine\'s memory]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l with-ontology -d 'Add the shipped ontology (ontology/nea.ttl) to the data graph: for a file that holds only some graphs (`export --graphs entities`), so the shapes see its classes\' hierarchy'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l no-default-entities -d 'Leave the built-in registry out: the registries are only those of --entities (and the corpus\'s entities.toml), as for articles about another region'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -l keep-going -d 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l endpoint -d 'The store\'s Graph Store Protocol endpoint (http:// or https://)' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l into -d 'Send the union of the graphs into this one named graph instead' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l user -d 'The user for HTTP basic authentication [env: NEA_KG_USER]; the password is read from NEA_KG_PASSWORD' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l cacert -d 'Trust the store\'s certificate if the CA certificate(s) in FILE (PEM) signed it, instead of the system\'s certificate store, as curl --cacert does; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l timeout -d 'Give up on a request after this many seconds' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l graphs -d 'Which graphs to push' -r -f -a "article\t'Every article\'s graph: its facts, claims, mentions and evidence'
entities\t'The entities the articles name (types, labels, Wikidata links), one graph shared by all the articles'
ontology\t'The ontology'
metadata\t'The dataset description (VoID, DCAT, PROV)'
all\t'All of them'"
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l article -d 'An article\'s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l facts -d 'The article\'s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l entities -d 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l corpus -d 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l store -d 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l base -d 'The base IRI under which every resource\'s IRI is built' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l max-memory -d 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine\'s memory]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l into-default -d 'Send the union of the graphs into the store\'s default graph instead'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l replace -d 'Replace what each target graph holds (PUT) instead of merging into it (POST)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l allow-insecure-auth -d 'Send the password over plain http:// to a host that is not this machine (not 127.0.0.0/8, ::1 or localhost), where it would cross the network in clear text'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l no-default-entities -d 'Leave the built-in registry out: the registries are only those of --entities (and the corpus\'s entities.toml), as for articles about another region'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -l keep-going -d 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l bind -d 'The address to listen on, IP:PORT (port 0 picks a free one)' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l timeout -d 'Stop a query after this many seconds (decimals allowed)' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l article -d 'An article\'s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l facts -d 'The article\'s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l entities -d 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l corpus -d 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l store -d 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l base -d 'The base IRI under which every resource\'s IRI is built' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l max-memory -d 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine\'s memory]' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l allow-remote -d 'Listen on an address other machines can reach (one that is not loopback), where anyone on the network can read the graph'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l cors -d 'Let pages of any other site query the endpoint from a browser (Access-Control-Allow-Origin: *)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l no-default-entities -d 'Leave the built-in registry out: the registries are only those of --entities (and the corpus\'s entities.toml), as for articles about another region'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -l keep-going -d 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand completions" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand completions" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand man" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand man" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -l article -d 'The article\'s text (UTF-8), its headline on the first line' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -l entities -d 'An entity registry (TOML) that adds to the built-in one; repeat it for several' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -s o -l output -d 'Write the draft to FILE (atomically) instead of stdout; an existing file is kept unless --force' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -l published -d 'The date of publication (YYYY, YYYY-MM or YYYY-MM-DD), when the text does not give it: dates without a year ("March 24") and relative dates ("last week") are resolved against it, and marked inferred' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -l merge -d 'An existing sheet: write it followed by drafts of only what it does not cover yet' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -l no-default-entities -d 'Leave the built-in registry out'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -l force -d 'Let -o replace an existing file'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand draft" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand coverage" -l article -d 'The article\'s text (UTF-8)' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand coverage" -l facts -d 'Its fact sheet (items still marked `draft = true` count: coverage shows what a sheet being confirmed covers)' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand coverage" -l entities -d 'An entity registry (TOML) that adds to the built-in one; repeat it for several' -r -F
complete -c nea-kg -n "__fish_nea_kg_using_subcommand coverage" -s f -l format -d 'Report: text (a line per sentence) or json' -r -f -a "text\t'For people'
json\t'For scripts'"
complete -c nea-kg -n "__fish_nea_kg_using_subcommand coverage" -l min -d 'Exit with status 1 when less than this share of the sentences (0 to 100) is covered' -r
complete -c nea-kg -n "__fish_nea_kg_using_subcommand coverage" -l no-default-entities -d 'Leave the built-in registry out'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand coverage" -s q -l quiet -d 'Print nothing but errors (no progress bar, no summary, no notes)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand coverage" -s v -l verbose -d 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand coverage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "export" -d 'Write the whole graph as RDF (Turtle to stdout by default)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "query" -d 'Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over all graphs'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "queries" -d 'List the shipped queries and the questions they answer'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "describe" -d 'Show one entity: its names in every language, types, relations, events and the sentences of the article that support them'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "build" -d 'Build a persistent store (RocksDB) in DIR from the articles, with Oxigraph\'s bulk loader; every command then takes --store DIR. Needs the rocksdb feature'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "validate" -d 'Check the graph (or any RDF file) against the SHACL shapes and the article\'s text; exit status 1 when it does not conform'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "push" -d 'Load the graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "serve" -d 'Serve the graph until stopped: a read-only SPARQL 1.1 endpoint, the graph\'s resources as linked data, and pages that show the article with its evidence'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "completions" -d 'Write the completion script of a shell to stdout (also shipped in docs/completions/)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "man" -d 'Write a manual page (roff) to stdout: nea-kg\'s, or one command\'s (also shipped in docs/man/)'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "draft" -d 'Draft a fact sheet for an article from its text and the registry: every item quotes the article and is marked `draft = true` until a person confirms it'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "coverage" -d 'Show which sentences of an article its sheet covers (facts, claims, figures, mentions, skips) and which nothing covers; exit status 1 below --min'
complete -c nea-kg -n "__fish_nea_kg_using_subcommand help; and not __fish_seen_subcommand_from export query queries describe build validate push serve completions man draft coverage help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
