
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'nea-kg' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'nea-kg'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'nea-kg' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the whole graph as RDF (Turtle to stdout by default)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over all graphs')
            [CompletionResult]::new('queries', 'queries', [CompletionResultType]::ParameterValue, 'List the shipped queries and the questions they answer')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show one entity: its names in every language, types, relations, events and the sentences of the article that support them')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build a persistent store (RocksDB) in DIR from the articles, with Oxigraph''s bulk loader; every command then takes --store DIR. Needs the rocksdb feature')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the graph (or any RDF file) against the SHACL shapes and the article''s text; exit status 1 when it does not conform')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Load the graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the graph until stopped: a read-only SPARQL 1.1 endpoint, the graph''s resources as linked data, and pages that show the article with its evidence')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Write the completion script of a shell to stdout (also shipped in docs/completions/)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write a manual page (roff) to stdout: nea-kg''s, or one command''s (also shipped in docs/man/)')
            [CompletionResult]::new('draft', 'draft', [CompletionResultType]::ParameterValue, 'Draft a fact sheet for an article from its text and the registry: every item quotes the article and is marked `draft = true` until a person confirms it')
            [CompletionResult]::new('coverage', 'coverage', [CompletionResultType]::ParameterValue, 'Show which sentences of an article its sheet covers (facts, claims, figures, mentions, skips) and which nothing covers; exit status 1 below --min')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nea-kg;export' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The RDF format: ttl, nt, nq, trig, rdf (RDF/XML), jsonld (compact, the union of the graphs) or jsonld-dataset (compact, the named graphs kept), as an extension or a media type; add .gz to compress (nq.gz) [default: from the output file''s extension, kg.nq.gz say, else ttl]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The RDF format: ttl, nt, nq, trig, rdf (RDF/XML), jsonld (compact, the union of the graphs) or jsonld-dataset (compact, the named graphs kept), as an extension or a media type; add .gz to compress (nq.gz) [default: from the output file''s extension, kg.nq.gz say, else ttl]')
            [CompletionResult]::new('--graphs', '--graphs', [CompletionResultType]::ParameterName, 'Which graphs: the article graphs, the entities they name, the ontology, the dataset description (metadata), or all. Formats without named graphs get their union')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (atomically: a temporary file, then a rename) instead of stdout; - is stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (atomically: a temporary file, then a rename) instead of stdout; - is stdout')
            [CompletionResult]::new('--article', '--article', [CompletionResultType]::ParameterName, 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles')
            [CompletionResult]::new('--facts', '--facts', [CompletionResultType]::ParameterName, 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin')
            [CompletionResult]::new('--entities', '--entities', [CompletionResultType]::ParameterName, 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The base IRI under which every resource''s IRI is built')
            [CompletionResult]::new('--max-memory', '--max-memory', [CompletionResultType]::ParameterName, 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]')
            [CompletionResult]::new('--no-text', '--no-text', [CompletionResultType]::ParameterName, 'Leave the articles'' text (schema:text) out: for a graph shared where the text''s rights do not allow it (the rights stay with the publisher; see the dataset description''s dcterms:rights)')
            [CompletionResult]::new('--no-default-entities', '--no-default-entities', [CompletionResultType]::ParameterName, 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;query' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop the query after this many seconds (decimals allowed), while results stream too')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Set a parameter of the query: NAME=VALUE replaces the values of its `VALUES ?NAME { … }` block with the string VALUE; a block that holds an IRI is an entity''s, and VALUE is then one of its names, its id or its IRI')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Results format: table, csv, tsv, json or xml for SELECT and ASK; ttl, nt, nq, trig, rdf (RDF/XML) or jsonld for CONSTRUCT and DESCRIBE [default: table, or ttl for graph results]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Results format: table, csv, tsv, json or xml for SELECT and ASK; ttl, nt, nq, trig, rdf (RDF/XML) or jsonld for CONSTRUCT and DESCRIBE [default: table, or ttl for graph results]')
            [CompletionResult]::new('--article', '--article', [CompletionResultType]::ParameterName, 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles')
            [CompletionResult]::new('--facts', '--facts', [CompletionResultType]::ParameterName, 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin')
            [CompletionResult]::new('--entities', '--entities', [CompletionResultType]::ParameterName, 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The base IRI under which every resource''s IRI is built')
            [CompletionResult]::new('--max-memory', '--max-memory', [CompletionResultType]::ParameterName, 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]')
            [CompletionResult]::new('--no-default-entities', '--no-default-entities', [CompletionResultType]::ParameterName, 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;queries' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nea-kg;describe' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output: text (a card for people) or json (for scripts)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: text (a card for people) or json (for scripts)')
            [CompletionResult]::new('--article', '--article', [CompletionResultType]::ParameterName, 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles')
            [CompletionResult]::new('--facts', '--facts', [CompletionResultType]::ParameterName, 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin')
            [CompletionResult]::new('--entities', '--entities', [CompletionResultType]::ParameterName, 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The base IRI under which every resource''s IRI is built')
            [CompletionResult]::new('--max-memory', '--max-memory', [CompletionResultType]::ParameterName, 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]')
            [CompletionResult]::new('--no-default-entities', '--no-default-entities', [CompletionResultType]::ParameterName, 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;build' {
            [CompletionResult]::new('--article', '--article', [CompletionResultType]::ParameterName, 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles')
            [CompletionResult]::new('--facts', '--facts', [CompletionResultType]::ParameterName, 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin')
            [CompletionResult]::new('--entities', '--entities', [CompletionResultType]::ParameterName, 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The base IRI under which every resource''s IRI is built')
            [CompletionResult]::new('--max-memory', '--max-memory', [CompletionResultType]::ParameterName, 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The folder to build the store in: a new one (an existing folder is refused)')
            [CompletionResult]::new('--no-default-entities', '--no-default-entities', [CompletionResultType]::ParameterName, 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'nea-kg;validate' {
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Validate this RDF file (any format `export` writes, by its extension; .gz too), or - for stdin (with --data-format), instead of the graph built from the article')
            [CompletionResult]::new('--data-format', '--data-format', [CompletionResultType]::ParameterName, 'The format of --data: ttl, nt, nq, trig, rdf or jsonld, as an extension or a media type, with .gz if compressed [default: from the file''s extension]')
            [CompletionResult]::new('--shapes', '--shapes', [CompletionResultType]::ParameterName, 'The SHACL shapes (Turtle), or - for stdin [default: the embedded ontology/shapes.ttl]')
            [CompletionResult]::new('--ontology', '--ontology', [CompletionResultType]::ParameterName, 'Add this RDF file (an ontology, say: the class hierarchy that sh:class and sh:targetClass follow) to the data graph; may be repeated')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Report: text (a line per violation), json, or a SHACL validation report (sh:ValidationReport) as ttl or jsonld')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report: text (a line per violation), json, or a SHACL validation report (sh:ValidationReport) as ttl or jsonld')
            [CompletionResult]::new('--article', '--article', [CompletionResultType]::ParameterName, 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles')
            [CompletionResult]::new('--facts', '--facts', [CompletionResultType]::ParameterName, 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin')
            [CompletionResult]::new('--entities', '--entities', [CompletionResultType]::ParameterName, 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The base IRI under which every resource''s IRI is built')
            [CompletionResult]::new('--max-memory', '--max-memory', [CompletionResultType]::ParameterName, 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]')
            [CompletionResult]::new('--with-ontology', '--with-ontology', [CompletionResultType]::ParameterName, 'Add the shipped ontology (ontology/nea.ttl) to the data graph: for a file that holds only some graphs (`export --graphs entities`), so the shapes see its classes'' hierarchy')
            [CompletionResult]::new('--no-default-entities', '--no-default-entities', [CompletionResultType]::ParameterName, 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;push' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'The store''s Graph Store Protocol endpoint (http:// or https://)')
            [CompletionResult]::new('--into', '--into', [CompletionResultType]::ParameterName, 'Send the union of the graphs into this one named graph instead')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user for HTTP basic authentication [env: NEA_KG_USER]; the password is read from NEA_KG_PASSWORD')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the store''s certificate if the CA certificate(s) in FILE (PEM) signed it, instead of the system''s certificate store, as curl --cacert does; - for stdin')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this many seconds')
            [CompletionResult]::new('--graphs', '--graphs', [CompletionResultType]::ParameterName, 'Which graphs to push')
            [CompletionResult]::new('--article', '--article', [CompletionResultType]::ParameterName, 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles')
            [CompletionResult]::new('--facts', '--facts', [CompletionResultType]::ParameterName, 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin')
            [CompletionResult]::new('--entities', '--entities', [CompletionResultType]::ParameterName, 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The base IRI under which every resource''s IRI is built')
            [CompletionResult]::new('--max-memory', '--max-memory', [CompletionResultType]::ParameterName, 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]')
            [CompletionResult]::new('--into-default', '--into-default', [CompletionResultType]::ParameterName, 'Send the union of the graphs into the store''s default graph instead')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace what each target graph holds (PUT) instead of merging into it (POST)')
            [CompletionResult]::new('--allow-insecure-auth', '--allow-insecure-auth', [CompletionResultType]::ParameterName, 'Send the password over plain http:// to a host that is not this machine (not 127.0.0.0/8, ::1 or localhost), where it would cross the network in clear text')
            [CompletionResult]::new('--no-default-entities', '--no-default-entities', [CompletionResultType]::ParameterName, 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;serve' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'The address to listen on, IP:PORT (port 0 picks a free one)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop a query after this many seconds (decimals allowed)')
            [CompletionResult]::new('--article', '--article', [CompletionResultType]::ParameterName, 'An article''s text (UTF-8), or - for stdin. Give --facts with it; repeat both for several articles')
            [CompletionResult]::new('--facts', '--facts', [CompletionResultType]::ParameterName, 'The article''s fact sheet (TOML, see docs/fact-sheet.md), in the order of --article; - for stdin')
            [CompletionResult]::new('--entities', '--entities', [CompletionResultType]::ParameterName, 'An entity registry (TOML) that adds entities, aliases and shared events to the built-in one (data/entities.toml); repeat it to add several, in order; - for stdin')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity registry entities.toml (added to the built-in one) if it holds one. Each article gets its own named graph')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of building the graph in memory. Needs a nea-kg built with the rocksdb feature')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The base IRI under which every resource''s IRI is built')
            [CompletionResult]::new('--max-memory', '--max-memory', [CompletionResultType]::ParameterName, 'The most memory the program may use (512M, 4G, ...): a query that needs more is stopped with a message [default: half the machine''s memory]')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Listen on an address other machines can reach (one that is not loopback), where anyone on the network can read the graph')
            [CompletionResult]::new('--cors', '--cors', [CompletionResultType]::ParameterName, 'Let pages of any other site query the endpoint from a browser (Access-Control-Allow-Origin: *)')
            [CompletionResult]::new('--no-default-entities', '--no-default-entities', [CompletionResultType]::ParameterName, 'Leave the built-in registry out: the registries are only those of --entities (and the corpus''s entities.toml), as for articles about another region')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Build the articles whose sheets are sound, report the others, and exit 1 (without it, one failing sheet stops everything and nothing is loaded)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;completions' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;man' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;draft' {
            [CompletionResult]::new('--article', '--article', [CompletionResultType]::ParameterName, 'The article''s text (UTF-8), its headline on the first line')
            [CompletionResult]::new('--entities', '--entities', [CompletionResultType]::ParameterName, 'An entity registry (TOML) that adds to the built-in one; repeat it for several')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the draft to FILE (atomically) instead of stdout; an existing file is kept unless --force')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the draft to FILE (atomically) instead of stdout; an existing file is kept unless --force')
            [CompletionResult]::new('--published', '--published', [CompletionResultType]::ParameterName, 'The date of publication (YYYY, YYYY-MM or YYYY-MM-DD), when the text does not give it: dates without a year ("March 24") and relative dates ("last week") are resolved against it, and marked inferred')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'An existing sheet: write it followed by drafts of only what it does not cover yet')
            [CompletionResult]::new('--no-default-entities', '--no-default-entities', [CompletionResultType]::ParameterName, 'Leave the built-in registry out')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Let -o replace an existing file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;coverage' {
            [CompletionResult]::new('--article', '--article', [CompletionResultType]::ParameterName, 'The article''s text (UTF-8)')
            [CompletionResult]::new('--facts', '--facts', [CompletionResultType]::ParameterName, 'Its fact sheet (items still marked `draft = true` count: coverage shows what a sheet being confirmed covers)')
            [CompletionResult]::new('--entities', '--entities', [CompletionResultType]::ParameterName, 'An entity registry (TOML) that adds to the built-in one; repeat it for several')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Report: text (a line per sentence) or json')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report: text (a line per sentence) or json')
            [CompletionResult]::new('--min', '--min', [CompletionResultType]::ParameterName, 'Exit with status 1 when less than this share of the sentences (0 to 100) is covered')
            [CompletionResult]::new('--no-default-entities', '--no-default-entities', [CompletionResultType]::ParameterName, 'Leave the built-in registry out')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors (no progress bar, no summary, no notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say what is loaded from where: each file read, the embedded default, the corpus, the store')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nea-kg;help' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the whole graph as RDF (Turtle to stdout by default)')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over all graphs')
            [CompletionResult]::new('queries', 'queries', [CompletionResultType]::ParameterValue, 'List the shipped queries and the questions they answer')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show one entity: its names in every language, types, relations, events and the sentences of the article that support them')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build a persistent store (RocksDB) in DIR from the articles, with Oxigraph''s bulk loader; every command then takes --store DIR. Needs the rocksdb feature')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the graph (or any RDF file) against the SHACL shapes and the article''s text; exit status 1 when it does not conform')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Load the graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the graph until stopped: a read-only SPARQL 1.1 endpoint, the graph''s resources as linked data, and pages that show the article with its evidence')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Write the completion script of a shell to stdout (also shipped in docs/completions/)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write a manual page (roff) to stdout: nea-kg''s, or one command''s (also shipped in docs/man/)')
            [CompletionResult]::new('draft', 'draft', [CompletionResultType]::ParameterValue, 'Draft a fact sheet for an article from its text and the registry: every item quotes the article and is marked `draft = true` until a person confirms it')
            [CompletionResult]::new('coverage', 'coverage', [CompletionResultType]::ParameterValue, 'Show which sentences of an article its sheet covers (facts, claims, figures, mentions, skips) and which nothing covers; exit status 1 below --min')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nea-kg;help;export' {
            break
        }
        'nea-kg;help;query' {
            break
        }
        'nea-kg;help;queries' {
            break
        }
        'nea-kg;help;describe' {
            break
        }
        'nea-kg;help;build' {
            break
        }
        'nea-kg;help;validate' {
            break
        }
        'nea-kg;help;push' {
            break
        }
        'nea-kg;help;serve' {
            break
        }
        'nea-kg;help;completions' {
            break
        }
        'nea-kg;help;man' {
            break
        }
        'nea-kg;help;draft' {
            break
        }
        'nea-kg;help;coverage' {
            break
        }
        'nea-kg;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
