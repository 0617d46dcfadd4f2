package io.rulescope.dialect.kql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.rulescope.query.parse.Token;
import org.junit.jupiter.api.Test;

/** The splitter never splits inside strings, comments or brackets, and its top-level stages are the whole query. */
class KqlScriptPropertyTest {

    /** Fragments that each hide a pipe or a semicolon inside a construct the splitter must respect. */
    private static final String[] HIDING = { "where a == \"x|y\"", "where b has 'p;q'", "extend c = strcat(\"|\", @\"C:\\|\")",
            "where d in (\"a|b\", \"c;d\")", "extend e = dynamic([\"|\"])", "where f == h\"sec|ret\"", "extend g = ```a|b;c```",
            "extend h = 1 // trailing | comment; here\n", "join kind=inner (T2 | where x == 1) on k", "where i =~ \"esc \\\" | still\"" };

    private static final String[] PLAIN = { "where EventID == 4688", "summarize count() by Account", "project a, b", "extend y = tolower(x)",
            "mv-expand Data", "project-away z", "take 10" };

    @Test
    void generatedQueriesSplitExactlyAtTheTopLevelPipesAndSemicolons() {
        Random random = new Random(20261202);
        for (int run = 0; run < 5_000; run++) {
            List<String> lets = new ArrayList<>();
            for (int l = random.nextInt(3); l > 0; l--) {
                lets.add("let v" + l + " = dynamic([\"a;b\", \"c|d\"]);");
            }
            List<String> operators = new ArrayList<>();
            for (int s = 1 + random.nextInt(5); s > 0; s--) {
                String[] from = random.nextBoolean() ? PLAIN : HIDING;
                operators.add(from[random.nextInt(from.length)]);
            }
            String separator = random.nextBoolean() ? " | " : "\n| ";
            String query = String.join("\n", lets) + (lets.isEmpty() ? "" : "\n") + "SecurityEvent" + separator + String.join(separator, operators);

            KqlScript script = KqlScript.parse(query);
            List<KqlStage> top = script.stages().stream().filter(s -> s.depth() == 0).toList();

            assertThat(top).as(query).hasSize(lets.size() + 1 + operators.size());
            for (int i = 0; i < operators.size(); i++) {
                String text = script.text(top.get(lets.size() + 1 + i));
                assertThat(text).as(query).isEqualTo("| " + operators.get(i).stripTrailing().replaceAll("\\s*//.*$", ""));
            }
            assertThat(rejoined(script)).as(query).isEqualTo(withoutCommentsAndSpace(query));
        }
    }

    /** The query's top-level stages with the gaps between them: only space and comments may lie outside every stage. */
    static String rejoined(KqlScript script) {
        StringBuilder out = new StringBuilder();
        for (KqlStage stage : script.stages()) {
            if (stage.depth() == 0) {
                out.append(withoutCommentsAndSpace(script.text(stage)));
            }
        }
        return out.toString();
    }

    /** Whitespace and {@code //} comments removed outside strings, so two spellings of one query compare equal. */
    static String withoutCommentsAndSpace(String query) {
        StringBuilder out = new StringBuilder();
        List<Token<KqlTokenKind>> tokens = KqlTokenizer.tokenize(query);
        for (Token<KqlTokenKind> t : tokens) {
            out.append(query, t.start(), t.end());
        }
        return out.toString();
    }
}
