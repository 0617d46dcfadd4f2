package io.rulescope.ingest.read;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.dialect.MappingException;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.dialect.Yamls;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/**
 * Everything a mapper needs to turn one YAML document into a {@link Rule}: where it came from, its raw text, and a
 * place to leave warnings. It also owns the two identities of a rule (see {@link #newRule}).
 */
public final class MappingContext implements RuleDocument {

    private final SourceFile file;
    private final int docIndex;
    private final String raw;
    private final List<String> warnings = new ArrayList<>();

    MappingContext(SourceFile file, int docIndex, String raw) {
        this.file = file;
        this.docIndex = docIndex;
        this.raw = raw;
    }

    @Override
    public String raw() {
        return raw;
    }

    List<String> warnings() {
        return warnings;
    }

    @Override
    public void warn(String warning) {
        warnings.add(warning);
    }

    /**
     * Creates the rule with its catalog key ({@code uid}: a hash of source, path and document, stable across
     * restarts) and its public id: the one written in the file, or one derived from the uid when the file has none.
     */
    @Override
    public Rule newRule(String declaredId, String title, RuleFormat format) {
        if (title == null) {
            throw new MappingException("missing required field '" + format.titleField() + "'");
        }
        String uid = uid(file.source().name(), file.path(), docIndex);
        boolean derived = declaredId == null;
        String ruleId = derived ? "rs-" + uid : declaredId;
        // "." and ".." are path segments a browser resolves away: /rules/.. is /, not the rule.
        if (!derived && (ruleId.length() > 200 || ruleId.isBlank() || ruleId.strip().equals(".") || ruleId.strip().equals("..")
                || ruleId.chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\'))) {
            warn("id '" + Yamls.abbreviate(ruleId) + "' cannot be used in a link; a derived id is used instead");
            ruleId = "rs-" + uid;
            derived = true;
        }
        Rule rule = new Rule(uid, ruleId, derived, title.strip(), format);
        rule.setSource(file.source().name(), file.path(), file.source().urlOf(file.path()), docIndex);
        rule.setRaw(raw);
        return rule;
    }

    @Override
    public LocalDate date(Map<String, Object> doc, String key) {
        try {
            return Yamls.date(doc.get(key));
        } catch (IllegalArgumentException e) {
            warn(key + ": " + e.getMessage());
            return null;
        }
    }

    /** Keeps technique references that look like ATT&CK ids (known or not); says which were not ids at all. */
    @Override
    public List<String> techniqueIds(List<String> refs) {
        List<String> ids = new ArrayList<>();
        for (String ref : refs) {
            String id = AttackCatalog.normaliseTechniqueId(ref);
            if (id == null) {
                warn("'" + Yamls.abbreviate(ref) + "' is not an ATT&CK technique id");
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    static String uid(String source, String path, int docIndex) {
        return HexFormat.of().formatHex(io.rulescope.rule.Sha256.of(source + "\n" + path + "\n" + docIndex), 0, 8);
    }
}
