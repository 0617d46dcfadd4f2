package io.rulescope.ingest.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Decodes and parses rule files as untrusted input: UTF-8 only (or UTF-16 with a byte order mark), SnakeYAML with
 * {@link SafeConstructor} so no tag can instantiate a class, and limits on aliases, nesting and size.
 */
public final class YamlReader {

    static final int MAX_ALIASES = 50;
    static final int MAX_NESTING = 64;

    /**
     * One loader per thread and setting: a Yaml is not thread-safe, and making one per file (its constructor, resolver
     * and representer, and SnakeYAML's logger lookup) was about 5% of parsing. Each load starts from a clean state.
     */
    private static final ThreadLocal<Yaml> STRICT = ThreadLocal.withInitial(() -> newYaml(false));
    private static final ThreadLocal<Yaml> LENIENT = ThreadLocal.withInitial(() -> newYaml(true));

    private final long maxBytes;

    public YamlReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** The outcome of reading one file: its text and documents, or why it could not be read. */
    public record Parsed(String text, List<Object> documents, String warning, Failure failure) {

        public boolean failed() {
            return failure != null;
        }
    }

    public record Failure(int line, int column, String reason) {
    }

    public Parsed parse(byte[] bytes) {
        Parsed decoded = decodeOnly(bytes);
        if (decoded.failed()) {
            return decoded;
        }
        String text = decoded.text();
        try {
            String aliases = aliasProblem(text);
            if (aliases != null) {
                return failed(0, 0, aliases);
            }
            return new Parsed(text, load(text, false), null, null);
        } catch (DuplicateKeyException e) {
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1);
            try {
                // Sigma and ESCU tooling accept duplicate keys (the last one wins); do the same, but say so.
                return new Parsed(text, load(text, true), "duplicate key" + where + ": " + e.getProblem()
                        + "; the last value was used", null);
            } catch (YAMLException again) {
                return failure(again);
            }
        } catch (YAMLException | IllegalStateException | StackOverflowError e) {
            return failure(e);
        }
    }

    /** The checks every rule file gets before its format is parsed: size, encoding, no NUL, not blank. */
    Parsed decodeOnly(byte[] bytes) {
        if (bytes.length > maxBytes) {
            return failed(0, 0, "file is larger than the " + (maxBytes / 1024) + " KiB limit; not read");
        }
        String text;
        try {
            text = decode(bytes);
        } catch (MalformedInputException e) {
            return failed(lineOfFirstBadByte(bytes), 0,
                    "not valid UTF-8 text (e.g. a binary file or another encoding); save it as UTF-8");
        } catch (CharacterCodingException e) {
            return failed(0, 0, "not valid text: " + e.getMessage());
        }
        if (text.indexOf('\0') >= 0) {
            return failed(lineOf(text, text.indexOf('\0')), 0, "contains NUL characters: a binary file, not YAML");
        }
        if (text.isBlank()) {
            return failed(0, 0, "empty file");
        }
        return new Parsed(text, List.of(), null, null);
    }

    private static Yaml newYaml(boolean allowDuplicateKeys) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(allowDuplicateKeys);
        options.setCodePointLimit(Integer.MAX_VALUE / 2);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(new InterningConstructor(options), new Representer(dumperOptions), dumperOptions, options);
    }

    /**
     * SnakeYAML counts only aliases of lists and maps. A scalar alias costs nothing in the parsed tree (one string
     * shared) but everything downstream: 20,000 aliases of a 30,000-character anchor in a 90 KB file expand to 600 MB
     * when the detection is written out. Every alias counts here, and what aliases expand to is bounded by size.
     * Files without an anchor, nearly all of them, are not read twice.
     */
    private String aliasProblem(String text) {
        if (text.indexOf('&') < 0 || text.indexOf('*') < 0) {
            return null;
        }
        java.util.Map<String, Integer> anchored = new java.util.HashMap<>();
        int aliases = 0;
        long expanded = 0;
        for (org.yaml.snakeyaml.events.Event event : STRICT.get().parse(new java.io.StringReader(text))) {
            if (event instanceof org.yaml.snakeyaml.events.ScalarEvent scalar && scalar.getAnchor() != null) {
                anchored.put(scalar.getAnchor(), scalar.getValue().length());
            } else if (event instanceof org.yaml.snakeyaml.events.AliasEvent alias) {
                aliases++;
                expanded += anchored.getOrDefault(alias.getAnchor(), 0);
                if (aliases > MAX_ALIASES) {
                    return "the YAML uses more than " + MAX_ALIASES + " aliases (an alias bomb?); rule files rarely use any";
                }
                if (expanded > maxBytes) {
                    return "the YAML's aliases expand to more than " + (maxBytes / 1024) + " KiB (an alias bomb?)";
                }
            }
        }
        return null;
    }

    /**
     * The text of each document that {@link #load} keeps (empty documents left out), in order, or null when they
     * cannot be told apart. A rule of a multi-document file keeps its own document's text, not the whole file's: 2,000
     * documents each holding a 286 KB file came to 660 MB.
     */
    static List<String> documentTexts(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        int nodes = 0;
        boolean emptyScalar = false;
        try {
            for (org.yaml.snakeyaml.events.Event event : STRICT.get().parse(new java.io.StringReader(text))) {
                if (event instanceof org.yaml.snakeyaml.events.DocumentStartEvent) {
                    start = event.getEndMark().getIndex();
                    nodes = 0;
                } else if (event instanceof org.yaml.snakeyaml.events.DocumentEndEvent) {
                    if (!(nodes == 1 && emptyScalar)) {
                        // Only line ends are trimmed: a document may indent all its lines, its first one too.
                        out.add(text.substring(Math.max(0, start), event.getStartMark().getIndex())
                                .replaceAll("^[\\r\\n]+", "").stripTrailing());
                    }
                } else if (event instanceof org.yaml.snakeyaml.events.NodeEvent node && nodes++ == 0) {
                    emptyScalar = node instanceof org.yaml.snakeyaml.events.ScalarEvent scalar && scalar.isPlain()
                            && (scalar.getValue().isEmpty() || scalar.getValue().equals("null") || scalar.getValue().equals("~"));
                }
            }
        } catch (YAMLException e) {
            return null;
        }
        return out;
    }

    private static List<Object> load(String text, boolean allowDuplicateKeys) {
        Yaml yaml = (allowDuplicateKeys ? LENIENT : STRICT).get();
        List<Object> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(text)) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    /**
     * {@link SafeConstructor} with every string interned. Thousands of rules repeat the same keys and values
     * ({@code Image|endswith}, {@code status: test}, boilerplate how-to text), and a Sigma rule's detection stays in
     * memory as parsed, beside analyses that intern their values too: one copy each saves about 15 MB of a four-corpus
     * catalog, which G1's string deduplication used to find at the cost of CPU while ingest ran.
     */
    private static final class InterningConstructor extends SafeConstructor {

        InterningConstructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.STR, new ConstructYamlStr() {
                @Override
                public Object construct(Node node) {
                    return ((String) super.construct(node)).intern();
                }
            });
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return strictDecoder(StandardCharsets.UTF_16).decode(ByteBuffer.wrap(bytes)).toString();
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        CharBuffer chars = strictDecoder(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
        return chars.toString();
    }

    /** The 1-based line of the first byte that is not UTF-8, so the person fixing the file knows where to look. */
    private static int lineOfFirstBadByte(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        strictDecoder(StandardCharsets.UTF_8).decode(in, out, true);
        int line = 1;
        for (int i = 0; i < in.position(); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static CharsetDecoder strictDecoder(java.nio.charset.Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static Parsed failure(Throwable e) {
        if (e instanceof StackOverflowError) {
            return failed(0, 0, "YAML nested too deeply to read");
        }
        if (e instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            String reason = "YAML error: " + describe(marked);
            return mark == null ? failed(0, 0, reason) : failed(mark.getLine() + 1, mark.getColumn() + 1, reason);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return failed(0, 0, "YAML error: " + plain(firstLine(message)));
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        String text = (context.isEmpty() ? problem : context + ": " + problem).strip();
        String tag = null;
        if (text.contains("could not determine a constructor for the tag")) {
            tag = text.substring(text.indexOf("for the tag") + "for the tag".length()).strip();
        } else if (text.startsWith("Global tag is not allowed:")) {
            tag = text.substring("Global tag is not allowed:".length()).strip();
        }
        if (tag != null) {
            return "unsupported tag (" + tag.replace("tag:yaml.org,2002:", "!!")
                    + "); rule files may only use plain YAML types";
        }
        return firstLine(text);
    }

    /** SnakeYAML's limit messages, said the way a rule author understands them. */
    private static String plain(String message) {
        if (message.startsWith("Nesting Depth exceeded")) {
            return "the YAML nests deeper than " + MAX_NESTING + " levels; rule files need only a few";
        }
        if (message.startsWith("Number of aliases")) {
            return "the YAML uses more than " + MAX_ALIASES + " aliases (an alias bomb?); rule files rarely use any";
        }
        return message;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Parsed failed(int line, int column, String reason) {
        return new Parsed(null, List.of(), null, new Failure(line, column, reason));
    }
}
