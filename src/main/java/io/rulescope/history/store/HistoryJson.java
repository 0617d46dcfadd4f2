package io.rulescope.history.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of what history stores as a document rather than as columns (a version's changes, a cursor's carry-on
 * state). Fields, not getters: what is stored is exactly a record's components, whatever methods it adds for pages.
 */
final class HistoryJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.ALL, Visibility.NONE)
                    .withVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                    .withVisibility(PropertyAccessor.CREATOR, Visibility.ANY))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private HistoryJson() {
    }

    /**
     * Deflated at the fastest level: a cursor repeats field names and indicator values thousands of times, so even that
     * takes it to a tenth, and it is written again after every read of new commits.
     */
    static byte[] deflated(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater, 1 << 16)) {
            MAPPER.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    static <T> T inflated(byte[] bytes, Class<T> type) {
        try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
