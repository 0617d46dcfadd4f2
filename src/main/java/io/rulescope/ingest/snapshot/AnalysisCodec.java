package io.rulescope.ingest.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.Indicator;
import io.rulescope.query.Kind;
import io.rulescope.query.Polarity;
import io.rulescope.query.Predicate;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * A query analysis in {@link SavedFormat}, written and read field by field. A catalog holds hundreds of thousands of
 * expressions, predicates and indicators; Jackson's general record binding spent most of a restart's read matching
 * and buffering their properties, while this reads each value straight into its constructor. Each value is an array
 * of its fields in declaration order; an expression is its variant's name followed by its parts. Anything else in
 * the input is an error, never a guess.
 */
public final class AnalysisCodec {

    private AnalysisCodec() {
    }

    static final class Writer extends ValueSerializer<QueryAnalysis> {

        @Override
        public void serialize(QueryAnalysis analysis, JsonGenerator out, SerializationContext context) {
            out.writeStartArray();
            list(out, analysis.stages(), Writer::stage);
            list(out, analysis.indicators(), Writer::indicator);
            list(out, analysis.searchTerms(), Writer::searchTerm);
            strings(out, analysis.groupBy());
            strings(out, analysis.notes());
            strings(out, analysis.sources());
            out.writeEndArray();
        }

        private static void stage(JsonGenerator out, StageAnalysis stage) {
            out.writeStartArray();
            out.writeNumber(stage.n());
            out.writeString(stage.command());
            out.writeString(stage.text());
            if (stage.expression() == null) {
                out.writeNull();
            } else {
                expr(out, stage.expression());
            }
            out.writeString(stage.expansion());
            out.writeString(stage.note());
            out.writeNumber(stage.depth());
            out.writeString(stage.noteCode() == null ? null : stage.noteCode().name());
            strings(out, stage.defines());
            out.writeEndArray();
        }

        private static void expr(JsonGenerator out, Expr expr) {
            out.writeStartArray();
            out.writeString(expr.getClass().getSimpleName());
            if (expr instanceof Expr.And and) {
                list(out, and.parts(), Writer::expr);
            } else if (expr instanceof Expr.Or or) {
                list(out, or.parts(), Writer::expr);
            } else if (expr instanceof Expr.Not not) {
                expr(out, not.inner());
            } else if (expr instanceof Expr.Leaf leaf) {
                predicate(out, leaf.predicate());
            } else if (expr instanceof Expr.Term term) {
                out.writeString(term.text());
                out.writeString(term.viaMacro());
            } else if (expr instanceof Expr.Ref ref) {
                out.writeString(ref.identifier());
            } else if (expr instanceof Expr.Opaque opaque) {
                out.writeString(opaque.text());
                out.writeString(opaque.reason());
                out.writeBoolean(opaque.byDesign());
            } else if (!(expr instanceof Expr.All)) {
                throw new IllegalStateException("no saved form for " + expr.getClass());
            }
            out.writeEndArray();
        }

        private static void predicate(JsonGenerator out, Predicate p) {
            out.writeStartArray();
            out.writeString(p.field());
            out.writeString(p.dataModel());
            out.writeString(p.kind().name());
            out.writeString(p.value());
            strings(out, p.modifiers());
            out.writeString(p.viaMacro());
            out.writeEndArray();
        }

        private static void indicator(JsonGenerator out, Indicator i) {
            out.writeStartArray();
            out.writeString(i.field());
            out.writeString(i.dataModel());
            out.writeString(i.canonicalField());
            out.writeString(i.kind().name());
            out.writeString(i.value());
            out.writeString(i.polarity().name());
            strings(out, i.modifiers());
            out.writeBoolean(i.caseSensitive());
            out.writeNumber(i.stage());
            out.writeString(i.viaMacro());
            out.writeEndArray();
        }

        private static void searchTerm(JsonGenerator out, QueryAnalysis.SearchTerm term) {
            out.writeStartArray();
            out.writeNumber(term.stage());
            out.writeString(term.term());
            out.writeString(term.polarity().name());
            out.writeEndArray();
        }

        private static void strings(JsonGenerator out, List<String> strings) {
            list(out, strings, JsonGenerator::writeString);
        }

        private static <T> void list(JsonGenerator out, List<T> values, java.util.function.BiConsumer<JsonGenerator, T> each) {
            out.writeStartArray();
            for (T value : values) {
                each.accept(out, value);
            }
            out.writeEndArray();
        }
    }

    static final class Reader extends ValueDeserializer<QueryAnalysis> {

        @Override
        public QueryAnalysis deserialize(JsonParser p, DeserializationContext context) {
            In in = new In(p, context);
            in.expectCurrent(JsonToken.START_ARRAY);
            QueryAnalysis analysis = new QueryAnalysis(in.list(Reader::stage), in.list(Reader::indicator),
                    in.list(Reader::searchTerm), in.strings(), in.strings(), in.strings());
            in.end();
            return analysis;
        }

        private static StageAnalysis stage(In in) {
            StageAnalysis stage = new StageAnalysis(in.integer(), in.string(), in.string(), in.nullOr(Reader::expr),
                    in.string(), in.string(), in.integer(), diagnostic(in.string()), in.strings());
            in.end();
            return stage;
        }

        private static Diagnostic diagnostic(String name) {
            return name == null ? null : Diagnostic.valueOf(name);
        }

        private static Expr expr(In in) {
            String variant = in.string();
            Expr expr = switch (variant == null ? "" : variant) {
                case "And" -> new Expr.And(in.list(Reader::expr));
                case "Or" -> new Expr.Or(in.list(Reader::expr));
                case "Not" -> new Expr.Not(in.object(Reader::expr));
                case "Leaf" -> new Expr.Leaf(in.object(Reader::predicate));
                case "Term" -> new Expr.Term(in.string(), in.string());
                case "Ref" -> new Expr.Ref(in.string());
                case "Opaque" -> new Expr.Opaque(in.string(), in.string(), in.bool());
                case "All" -> new Expr.All();
                default -> throw in.mismatch("an expression of unknown kind " + variant);
            };
            in.end();
            return expr;
        }

        private static Predicate predicate(In in) {
            Predicate predicate = new Predicate(in.string(), in.string(), in.constant(Kind::valueOf), in.string(),
                    in.strings(), in.string());
            in.end();
            return predicate;
        }

        private static Indicator indicator(In in) {
            Indicator indicator = new Indicator(in.string(), in.string(), in.string(), in.constant(Kind::valueOf),
                    in.string(), in.constant(Polarity::valueOf), in.strings(), in.bool(), in.integer(), in.string());
            in.end();
            return indicator;
        }

        private static QueryAnalysis.SearchTerm searchTerm(In in) {
            QueryAnalysis.SearchTerm term = new QueryAnalysis.SearchTerm(in.integer(), in.string(), in.constant(Polarity::valueOf));
            in.end();
            return term;
        }
    }

    /** The parser positioned inside an array, taking its elements in order. */
    private record In(JsonParser p, DeserializationContext context) {

        private JsonToken next() {
            return p.nextToken();
        }

        void expectCurrent(JsonToken token) {
            if (p.currentToken() != token) {
                throw mismatch(token + " where " + p.currentToken() + " is");
            }
        }

        String string() {
            JsonToken token = next();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            expectCurrent(JsonToken.VALUE_STRING);
            return p.getString();
        }

        int integer() {
            next();
            expectCurrent(JsonToken.VALUE_NUMBER_INT);
            return p.getIntValue();
        }

        boolean bool() {
            JsonToken token = next();
            if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                throw mismatch("a boolean where " + token + " is");
            }
            return token == JsonToken.VALUE_TRUE;
        }

        <E extends Enum<E>> E constant(Function<String, E> valueOf) {
            String name = string();
            try {
                return valueOf.apply(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw mismatch("an unknown constant " + name);
            }
        }

        /** An array value read by {@code read}, which is handed the parser inside it. */
        <T> T object(Function<In, T> read) {
            next();
            expectCurrent(JsonToken.START_ARRAY);
            return read.apply(this);
        }

        <T> T nullOr(Function<In, T> read) {
            if (next() == JsonToken.VALUE_NULL) {
                return null;
            }
            expectCurrent(JsonToken.START_ARRAY);
            return read.apply(this);
        }

        <T> List<T> list(Function<In, T> read) {
            next();
            expectCurrent(JsonToken.START_ARRAY);
            List<T> values = new ArrayList<>();
            while (next() != JsonToken.END_ARRAY) {
                expectCurrent(JsonToken.START_ARRAY);
                values.add(read.apply(this));
            }
            return List.copyOf(values);
        }

        List<String> strings() {
            next();
            expectCurrent(JsonToken.START_ARRAY);
            List<String> values = new ArrayList<>();
            for (JsonToken token = next(); token != JsonToken.END_ARRAY; token = next()) {
                expectCurrent(JsonToken.VALUE_STRING);
                values.add(p.getString().intern());
            }
            return List.copyOf(values);
        }

        /** The end of the array the value was read from. */
        void end() {
            next();
            expectCurrent(JsonToken.END_ARRAY);
        }

        RuntimeException mismatch(String what) {
            return tools.jackson.databind.exc.MismatchedInputException.from(p, QueryAnalysis.class, "expected " + what);
        }
    }
}
