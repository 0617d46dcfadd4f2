package io.rulescope.ingest.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.StdConvertingDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdScalarSerializer;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.util.StdConverter;
import tools.jackson.dataformat.smile.SmileFactory;
import tools.jackson.dataformat.smile.SmileMapper;
import tools.jackson.dataformat.smile.SmileWriteFeature;

import io.rulescope.dialect.Dialects;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.RuleFormat;

/**
 * The form of the catalog snapshots Rulescope saves for itself: Smile, Jackson's binary JSON,
 * read only into the declared types. A planted or damaged file can name no class and build no object graph, which Java
 * serialisation allowed (a few kilobytes of nested sets could spin a start-up forever). Each file starts with a
 * fixed-size header giving the body's length and SHA-256: a reader checks the length before it reads, reads within
 * Jackson's bounds on depth and sizes, and checks the digest before it returns anything.
 */
public final class SavedFormat {

    static final String MAGIC = "rulescope-saved 1";
    /** The magic line, then {@code <64 hex digits> <19-digit length>} and a newline. */
    static final int HEADER_BYTES = MAGIC.length() + 1 + 64 + 1 + 19 + 1;
    /** Larger than any catalog this program can hold in memory; a larger file is not read. */
    static final long MAX_BODY_BYTES = 1L << 31;
    /** Query expressions nest (each level an object and an array); the parsers stop at 100 levels of parentheses. */
    static final int MAX_DEPTH = 600;
    /** A rule's texts come from files of at most a few MiB; a longer string means a damaged or foreign file. */
    static final int MAX_STRING = 64 << 20;

    private SavedFormat() {
    }

    /** Fields, not getters: the saved form is exactly the state, whatever methods a type adds for its pages. */
    private static ObjectMapper mapper() {
        SmileFactory factory = SmileFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxDocumentLength(MAX_BODY_BYTES).maxStringLength(MAX_STRING).build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                // The streams are this class's: the header is written and the digest checked after Jackson is done.
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .enable(SmileWriteFeature.CHECK_SHARED_STRING_VALUES)
                .disable(SmileWriteFeature.ENCODE_BINARY_AS_7BIT)
                .build();
        SimpleModule module = new SimpleModule("rulescope-saved");
        module.addSerializer(QueryAnalysis.class, new AnalysisCodec.Writer());
        module.addDeserializer(QueryAnalysis.class, new AnalysisCodec.Reader());
        module.addDeserializer(String.class, new SharedStrings());
        module.addSerializer(RuleFormat.class, new FormatNames.Writer());
        module.addDeserializer(RuleFormat.class, new FormatNames.Reader());
        module.setDeserializerModifier(new CompactLists());
        return SmileMapper.builder(factory)
                .changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.ALL, Visibility.NONE)
                        .withVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .withVisibility(PropertyAccessor.CREATOR, Visibility.ANY))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(module)
                .build();
    }

    private static final ObjectMapper MAPPER = mapper();

    /**
     * Reads what {@link #write} wrote as {@code type}.
     *
     * @throws IOException if the file cannot be read, is not in this form, or fails its length or digest check
     */
    static <T> T read(Path file, Class<T> type) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Header header = Header.read(raw);
            long body = Files.size(file) - HEADER_BYTES;
            if (body != header.length()) {
                throw new IOException("its body is " + body + " bytes, its header says " + header.length()
                        + " (was it cut short?)");
            }
            MessageDigest digest = sha256();
            T value = null;
            IOException unreadable = null;
            try (InputStream in = new DigestInputStream(raw, digest)) {
                try {
                    value = MAPPER.readValue(in, type);
                } catch (JacksonException e) {
                    unreadable = new IOException("it is not a saved " + type.getSimpleName() + " of this build: "
                            + e.getOriginalMessage(), e);
                } catch (StackOverflowError e) {
                    unreadable = new IOException("it nests too deeply to read");
                }
                in.transferTo(OutputStream.nullOutputStream());
            }
            // A damaged file usually fails to parse too: the digest names the cause.
            if (!Arrays.equals(digest.digest(), header.sha256())) {
                throw new IOException("its content does not match its digest");
            }
            if (unreadable != null) {
                throw unreadable;
            }
            return value;
        }
    }

    /** Writes {@code value} with its header; the header is filled in last, once the body's length and digest are known. */
    static void write(Path file, Object value) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(HEADER_BYTES));
            MessageDigest digest = sha256();
            OutputStream body = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), digest);
            try {
                MAPPER.writeValue(body, value);
            } catch (JacksonException e) {
                throw new IOException("could not write " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
            }
            body.flush();
            long length = channel.position() - HEADER_BYTES;
            channel.write(ByteBuffer.wrap(new Header(digest.digest(), length).bytes()), 0);
            channel.force(false);
        }
    }

    private record Header(byte[] sha256, long length) {

        byte[] bytes() {
            return String.format("%s\n%s %019d\n", MAGIC, HexFormat.of().formatHex(sha256), length).getBytes(StandardCharsets.US_ASCII);
        }

        static Header read(InputStream in) throws IOException {
            byte[] bytes = in.readNBytes(HEADER_BYTES);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (bytes.length < HEADER_BYTES || !text.startsWith(MAGIC + "\n") || text.charAt(HEADER_BYTES - 1) != '\n') {
                throw new IOException("it is not a file this build saved (no " + MAGIC + " header)");
            }
            String[] parts = text.substring(MAGIC.length() + 1, HEADER_BYTES - 1).split(" ");
            try {
                long length = Long.parseLong(parts[1]);
                if (length < 0 || length > MAX_BODY_BYTES) {
                    throw new IOException("its header gives a length of " + length + " bytes");
                }
                return new Header(HexFormat.of().parseHex(parts[0]), length);
            } catch (RuntimeException e) {
                throw new IOException("its header is damaged");
            }
        }
    }

    /**
     * One copy of each string, as ingest keeps them ({@code YamlReader} and the analyses intern what they read): a
     * restored catalog would otherwise hold the same boilerplate thousands of times.
     */
    private static final class SharedStrings extends StdScalarDeserializer<String> {

        SharedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getString().intern();
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    /** A rule's format is saved by its name and read back as the instance its dialect declared. */
    private static final class FormatNames {

        static final class Writer extends StdScalarSerializer<RuleFormat> {
            Writer() {
                super(RuleFormat.class);
            }

            @Override
            public void serialize(RuleFormat format, JsonGenerator g, SerializationContext ctxt) {
                g.writeString(format.name());
            }
        }

        static final class Reader extends StdScalarDeserializer<RuleFormat> {
            Reader() {
                super(RuleFormat.class);
            }

            @Override
            public RuleFormat deserialize(JsonParser p, DeserializationContext ctxt) {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return (RuleFormat) ctxt.handleUnexpectedToken(RuleFormat.class, p);
                }
                String name = p.getString();
                return Dialects.format(name).orElseThrow(() -> tools.jackson.databind.exc.InvalidFormatException.from(p,
                        "no dialect of this build declares the rule format", name, RuleFormat.class));
            }
        }
    }

    /**
     * Lists come back immutable and exactly sized, as ingest made them; an {@code ArrayList} grown element by element
     * would hold room for ten in each of hundreds of thousands of one-element lists. A reader that adds to a list
     * copies it.
     */
    private static final class CompactLists extends ValueDeserializerModifier {

        private static final StdConverter<List<?>, List<?>> COMPACT = new StdConverter<>() {
            @Override
            public List<?> convert(List<?> list) {
                return list.contains(null) ? Collections.unmodifiableList(new ArrayList<>(list)) : List.copyOf(list);
            }
        };

        @Override
        public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
            if (!List.class.isAssignableFrom(type.getRawClass())) {
                return deserializer;
            }
            @SuppressWarnings({ "unchecked", "rawtypes" })
            ValueDeserializer<?> compact = new StdConvertingDeserializer(COMPACT, type, deserializer);
            return compact;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
