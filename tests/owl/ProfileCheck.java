// Checks RDF files against the OWL 2 DL profile with the OWL API's own checker (the one
// Protégé uses), and prints the violations of each file grouped by kind, then one line
// `FILE: N violations`. Run by tests/owl/run.sh; the OWL API is Debian's libowlapi-java.
//
//   java -cp CLASSPATH ProfileCheck [--allow KIND=N]... [--list] FILE...
//
// Exits 1 when a file has a violation of a kind beyond what --allow grants (nothing by
// default: each `--allow UseOfUndeclaredDatatype=27` grants up to 27 of that kind), 2 when
// a file cannot be read; --list prints every violation instead of a count per kind.

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public final class ProfileCheck {
    public static void main(String[] args) throws Exception {
        Map<String, Integer> allowed = new TreeMap<>();
        boolean list = false;
        int status = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--allow")) {
                String[] kv = args[++i].split("=", 2);
                allowed.put(kv[0], Integer.parseInt(kv[1]));
                continue;
            }
            if (arg.equals("--list")) {
                list = true;
                continue;
            }
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            // The graph names no imports; an unreachable one must not make the check
            // depend on the network.
            manager.setOntologyLoaderConfiguration(new OWLOntologyLoaderConfiguration()
                    .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT));
            OWLOntology ontology;
            try {
                ontology = manager.loadOntologyFromOntologyDocument(new File(arg));
            } catch (Exception e) {
                System.err.println(arg + ": cannot be loaded: " + e.getMessage());
                System.exit(2);
                return;
            }
            OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
            List<OWLProfileViolation> violations = report.getViolations();
            Map<String, Integer> kinds = new TreeMap<>();
            for (OWLProfileViolation v : violations) {
                if (list) {
                    System.out.println("  " + v.getClass().getSimpleName() + ": " + v);
                }
                kinds.merge(v.getClass().getSimpleName(), 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> k : kinds.entrySet()) {
                int granted = allowed.getOrDefault(k.getKey(), 0);
                String verdict = k.getValue() > granted ? "  REGRESSION: allowed " + granted : "";
                if (!list || !verdict.isEmpty()) {
                    System.out.println("  " + k.getKey() + ": " + k.getValue() + verdict);
                }
                if (k.getValue() > granted) {
                    status = 1;
                }
            }
            System.out.println(arg + ": " + violations.size() + " violations of OWL 2 DL"
                    + " (" + ontology.getAxiomCount() + " axioms)");
        }
        System.exit(status);
    }
}
