
use builtin;
use str;

set edit:completion:arg-completer[nea-kg] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'nea-kg'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'nea-kg'= {
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand export 'Write the whole graph as RDF (Turtle to stdout by default)'
            cand query 'Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over all graphs'
            cand queries 'List the shipped queries and the questions they answer'
            cand describe 'Show one entity: its names in every language, types, relations, events and the sentences of the article that support them'
            cand build 'Build a persistent store (RocksDB) in DIR from the articles, with Oxigraph''s bulk loader; every command then takes --store DIR. Needs the rocksdb feature'
            cand validate 'Check the graph (or any RDF file) against the SHACL shapes and the article''s text; exit status 1 when it does not conform'
            cand push 'Load the graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol'
            cand serve 'Serve the graph until stopped: a read-only SPARQL 1.1 endpoint, the graph''s resources as linked data, and pages that show the article with its evidence'
            cand completions 'Write the completion script of a shell to stdout (also shipped in docs/completions/)'
            cand man 'Write a manual page (roff) to stdout: nea-kg''s, or one command''s (also shipped in docs/man/)'
            cand draft 'Draft a fact sheet for an article from its text and the registry: every item quotes the article and is marked `draft = true` until a person confirms it'
            cand coverage 'Show which sentences of an article its sheet covers (facts, claims, figures, mentions, skips) and which nothing covers; exit status 1 below --min'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nea-kg;export'= {
            cand -f 'The RDF format: ttl, nt, nq, trig, rdf (RDF/XML), jsonld (compact, the union of the graphs) or jsonld-dataset (compact, the named graphs kept), as an extension or a media type; add .gz to compress (nq.gz) [default: from the output file''s extension, kg.nq.gz say, else ttl]'
            cand --format 'The RDF format: ttl, nt, nq, trig, rdf (RDF/XML), jsonld (compact, the union of the graphs) or jsonld-dataset (compact, the named graphs kept), as an extension or a media type; add .gz to compress (nq.gz) [default: from the output file''s extension, kg.nq.gz say, else ttl]'
            cand --graphs 'Which graphs: the article graphs, the entities they name, the ontology, the dataset description (metadata), or all. Formats without named graphs get their union'
            cand -o 'Write to this file (atomically: a temporary file, then a rename) instead of stdout; - is stdout'
            cand --output 'Write to this file (atomically: a temporary file, then a rename) instead of stdout; - is stdout'
            cand --article 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles'
            cand --facts 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin'
            cand --entities 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin'
            cand --corpus 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph'
            cand --store 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature'
            cand --base 'The base IRI under which every resource''s IRI is built'
            cand --max-memory 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]'
            cand --no-text 'Leave the articles'' text (schema:text) out: for a graph shared where the text''s rights do not allow it (the rights stay with the publisher; see the dataset description''s dcterms:rights)'
            cand --no-default-entities 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region'
            cand --keep-going 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;query'= {
            cand --timeout 'Stop the query after this many seconds (decimals allowed), while results stream too'
            cand --bind 'Set a parameter of the query: NAME=VALUE replaces the values of its `VALUES ?NAME { … }` block with the string VALUE; a block that holds an IRI is an entity''s, and VALUE is then one of its names, its id or its IRI'
            cand -f 'Results format: table, csv, tsv, json or xml for SELECT and ASK; ttl, nt, nq, trig, rdf (RDF/XML) or jsonld for CONSTRUCT and DESCRIBE [default: table, or ttl for graph results]'
            cand --format 'Results format: table, csv, tsv, json or xml for SELECT and ASK; ttl, nt, nq, trig, rdf (RDF/XML) or jsonld for CONSTRUCT and DESCRIBE [default: table, or ttl for graph results]'
            cand --article 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles'
            cand --facts 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin'
            cand --entities 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin'
            cand --corpus 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph'
            cand --store 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature'
            cand --base 'The base IRI under which every resource''s IRI is built'
            cand --max-memory 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]'
            cand --no-default-entities 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region'
            cand --keep-going 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;queries'= {
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nea-kg;describe'= {
            cand -f 'Output: text (a card for people) or json (for scripts)'
            cand --format 'Output: text (a card for people) or json (for scripts)'
            cand --article 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles'
            cand --facts 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin'
            cand --entities 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin'
            cand --corpus 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph'
            cand --store 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature'
            cand --base 'The base IRI under which every resource''s IRI is built'
            cand --max-memory 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]'
            cand --no-default-entities 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region'
            cand --keep-going 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;build'= {
            cand --article 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles'
            cand --facts 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin'
            cand --entities 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin'
            cand --corpus 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph'
            cand --base 'The base IRI under which every resource''s IRI is built'
            cand --max-memory 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]'
            cand --store 'The folder to build the store in: a new one (an existing folder is refused)'
            cand --no-default-entities 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region'
            cand --keep-going 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'nea-kg;validate'= {
            cand --data 'Validate this RDF file (any format `export` writes, by its extension; .gz too), or - for stdin (with --data-format), instead of the graph built from the article'
            cand --data-format 'The format of --data: ttl, nt, nq, trig, rdf or jsonld, as an extension or a media type, with .gz if compressed [default: from the file''s extension]'
            cand --shapes 'The SHACL shapes (Turtle), or - for stdin [default: the embedded ontology/shapes.ttl]'
            cand --ontology 'Add this RDF file (an ontology, say: the class hierarchy that sh:class and sh:targetClass follow) to the data graph; may be repeated'
            cand -f 'Report: text (a line per violation), json, or a SHACL validation report (sh:ValidationReport) as ttl or jsonld'
            cand --format 'Report: text (a line per violation), json, or a SHACL validation report (sh:ValidationReport) as ttl or jsonld'
            cand --article 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles'
            cand --facts 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin'
            cand --entities 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin'
            cand --corpus 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph'
            cand --store 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature'
            cand --base 'The base IRI under which every resource''s IRI is built'
            cand --max-memory 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]'
            cand --with-ontology 'Add the shipped ontology (ontology/nea.ttl) to the data graph: for a file that holds only some graphs (`export --graphs entities`), so the shapes see its classes'' hierarchy'
            cand --no-default-entities 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region'
            cand --keep-going 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;push'= {
            cand --endpoint 'The store''s Graph Store Protocol endpoint (http:// or https://)'
            cand --into 'Send the union of the graphs into this one named graph instead'
            cand --user 'The user for HTTP basic authentication [env: NEA_KG_USER]; the password is read from NEA_KG_PASSWORD'
            cand --cacert 'Trust the store''s certificate if the CA certificate(s) in FILE (PEM) signed it, instead of the system''s certificate store, as curl --cacert does; - for stdin'
            cand --timeout 'Give up on a request after this many seconds'
            cand --graphs 'Which graphs to push'
            cand --article 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles'
            cand --facts 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin'
            cand --entities 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin'
            cand --corpus 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph'
            cand --store 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature'
            cand --base 'The base IRI under which every resource''s IRI is built'
            cand --max-memory 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]'
            cand --into-default 'Send the union of the graphs into the store''s default graph instead'
            cand --replace 'Replace what each target graph holds (PUT) instead of merging into it (POST)'
            cand --allow-insecure-auth 'Send the password over plain http:// to a host that is not this machine (not 127.0.0.0/8, ::1 or localhost), where it would cross the network in clear text'
            cand --no-default-entities 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region'
            cand --keep-going 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;serve'= {
            cand --bind 'The address to listen on, IP:PORT (port 0 picks a free one)'
            cand --timeout 'Stop a query after this many seconds (decimals allowed)'
            cand --article 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles'
            cand --facts 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin'
            cand --entities 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin'
            cand --corpus 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph'
            cand --store 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature'
            cand --base 'The base IRI under which every resource''s IRI is built'
            cand --max-memory 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]'
            cand --allow-remote 'Listen on an address other machines can reach (one that is not loopback), where anyone on the network can read the graph'
            cand --cors 'Let pages of any other site query the endpoint from a browser (Access-Control-Allow-Origin: *)'
            cand --no-default-entities 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region'
            cand --keep-going 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)'
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;completions'= {
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;man'= {
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;draft'= {
            cand --article 'The article''s text (UTF-8), its headline on the first line'
            cand --entities 'An entity registry (TOML) that adds to the built-in one; repeat it for several'
            cand -o 'Write the draft to FILE (atomically) instead of stdout; an existing file is kept unless --force'
            cand --output 'Write the draft to FILE (atomically) instead of stdout; an existing file is kept unless --force'
            cand --published 'The date of publication (YYYY, YYYY-MM or YYYY-MM-DD), when the text does not give it: dates without a year ("March 24") and relative dates ("last week") are resolved against it, and marked inferred'
            cand --merge 'An existing sheet: write it followed by drafts of only what it does not cover yet'
            cand --no-default-entities 'Leave the built-in registry out'
            cand --force 'Let -o replace an existing file'
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;coverage'= {
            cand --article 'The article''s text (UTF-8)'
            cand --facts 'Its fact sheet (items still marked `draft = true` count: coverage shows what a sheet being confirmed covers)'
            cand --entities 'An entity registry (TOML) that adds to the built-in one; repeat it for several'
            cand -f 'Report: text (a line per sentence) or json'
            cand --format 'Report: text (a line per sentence) or json'
            cand --min 'Exit with status 1 when less than this share of the sentences (0 to 100) is covered'
            cand --no-default-entities 'Leave the built-in registry out'
            cand -q 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand --quiet 'Print nothing but errors (no progress bar, no summary, no notes)'
            cand -v 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand --verbose 'Say what is loaded from where: each file read, the embedded default, the corpus, the store'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nea-kg;help'= {
            cand export 'Write the whole graph as RDF (Turtle to stdout by default)'
            cand query 'Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over all graphs'
            cand queries 'List the shipped queries and the questions they answer'
            cand describe 'Show one entity: its names in every language, types, relations, events and the sentences of the article that support them'
            cand build 'Build a persistent store (RocksDB) in DIR from the articles, with Oxigraph''s bulk loader; every command then takes --store DIR. Needs the rocksdb feature'
            cand validate 'Check the graph (or any RDF file) against the SHACL shapes and the article''s text; exit status 1 when it does not conform'
            cand push 'Load the graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol'
            cand serve 'Serve the graph until stopped: a read-only SPARQL 1.1 endpoint, the graph''s resources as linked data, and pages that show the article with its evidence'
            cand completions 'Write the completion script of a shell to stdout (also shipped in docs/completions/)'
            cand man 'Write a manual page (roff) to stdout: nea-kg''s, or one command''s (also shipped in docs/man/)'
            cand draft 'Draft a fact sheet for an article from its text and the registry: every item quotes the article and is marked `draft = true` until a person confirms it'
            cand coverage 'Show which sentences of an article its sheet covers (facts, claims, figures, mentions, skips) and which nothing covers; exit status 1 below --min'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nea-kg;help;export'= {
        }
        &'nea-kg;help;query'= {
        }
        &'nea-kg;help;queries'= {
        }
        &'nea-kg;help;describe'= {
        }
        &'nea-kg;help;build'= {
        }
        &'nea-kg;help;validate'= {
        }
        &'nea-kg;help;push'= {
        }
        &'nea-kg;help;serve'= {
        }
        &'nea-kg;help;completions'= {
        }
        &'nea-kg;help;man'= {
        }
        &'nea-kg;help;draft'= {
        }
        &'nea-kg;help;coverage'= {
        }
        &'nea-kg;help;help'= {
        }
    ]
    $completions[$command]
}
