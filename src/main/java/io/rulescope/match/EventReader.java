package io.rulescope.match;

import io.rulescope.indicator.EventTables;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a pasted event, recognising its shape from the content: a JSON object (flat like CloudTrail, nested like ECS,
 * or a Windows event dumped from EVTX with {@code Event.System} and {@code Event.EventData}), Windows event XML, or
 * {@code key=value} lines as copied from a SIEM table. Anything else, or anything over a limit, is refused with a
 * reason ({@link EventRejectedException}).
 */
public final class EventReader {

    /** A key as SIEM tables and JSON paths write it; what follows the first {@code =}, {@code :} or tab is the value. */
    private static final Pattern KEY_VALUE = Pattern.compile("\\s*([A-Za-z_@][\\w.@-]{0,127})\\s*(?:=|:|\\t)\\s?(.*)");

    private final MatchProperties limits;
    private final EventSources sources;
    private final JsonMapper json;

    public EventReader(MatchProperties limits, EventTables tables) {
        this.limits = limits;
        this.sources = new EventSources(tables);
        StreamReadConstraints constraints = StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxEventBytes()).maxDocumentLength(Math.max(limits.maxBatchBytes(), limits.maxEventBytes()))
                .build();
        this.json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).build();
    }

    /** One event. Several JSON objects in one paste are refused: the batch API takes many. */
    public LoggedEvent read(String body) {
        if (body == null || body.isBlank()) {
            throw new EventRejectedException("the event is empty: paste a JSON object, Windows event XML or key=value lines");
        }
        if (body.length() > limits.maxEventBytes()) {
            throw new EventRejectedException(413, "the event is " + body.length() + " characters; the limit is " + limits.maxEventBytes());
        }
        String text = body.strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            List<JsonNode> nodes = jsonValues(text);
            if (nodes.size() != 1) {
                throw new EventRejectedException("the paste holds " + nodes.size() + " JSON values; match one event at a time here, "
                        + "or send newline-delimited events to POST /api/match/batch");
            }
            return fromJson(nodes.get(0));
        }
        if (text.startsWith("<")) {
            return fromXml(text);
        }
        return fromKeyValues(text);
    }

    /** Every JSON object in a text holding one or more (an EVTX dump may hold several records one after another). */
    public List<LoggedEvent> readAll(String text) {
        return jsonValues(text.strip()).stream().map(this::fromJson).toList();
    }

    private List<JsonNode> jsonValues(String text) {
        List<JsonNode> nodes = new ArrayList<>();
        try (JsonParser parser = json.createParser(text); MappingIterator<JsonNode> it = json.readValues(parser, JsonNode.class)) {
            while (it.hasNext()) {
                nodes.add(it.next());
            }
        } catch (StreamConstraintsException e) {
            throw new EventRejectedException(413, "the event nests deeper than " + limits.maxDepth() + " levels or holds too large a value");
        } catch (JacksonException e) {
            throw new EventRejectedException("the event looks like JSON but is not valid JSON: " + firstLine(e.getOriginalMessage())
                    + locationOf(e));
        }
        return nodes;
    }

    LoggedEvent fromJson(JsonNode root) {
        if (!root.isObject()) {
            throw new EventRejectedException("a JSON event must be an object ({...}), not " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + (root.isArray() ? "; send many events to POST /api/match/batch, one per line" : ""));
        }
        Fields fields = new Fields(limits.maxFields());
        JsonNode event = root.has("Event") && root.get("Event").has("System") ? root.get("Event") : root;
        String shape;
        if (event.has("System") && (event.has("EventData") || event.has("UserData"))) {
            shape = "evtx-json";
            evtxSystem(event.get("System"), fields);
            JsonNode data = event.get("EventData");
            if (data != null) {
                eventData(data, fields);
            }
            JsonNode user = event.get("UserData");
            if (user != null) {
                leaves(user, fields);
            }
        } else {
            shape = "json";
            flatten("", root, fields);
        }
        return new LoggedEvent(shape, fields.list, sources.of(fields.list), List.of());
    }

    private static void evtxSystem(JsonNode system, Fields fields) {
        JsonNode provider = system.path("Provider").path("#attributes");
        if (provider.has("Name")) {
            fields.add("Provider_Name", provider.get("Name").asString());
        }
        for (Map.Entry<String, JsonNode> e : system.properties()) {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                fields.add(e.getKey(), v.asString());
            } else if (v.has("#text")) {
                fields.add(e.getKey(), v.get("#text").asString());
            }
        }
    }

    /** EventData as evtx dumpers write it: named values, or a {@code Data} list of {@code {#attributes: {Name}, #text}}. */
    private static void eventData(JsonNode data, Fields fields) {
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            JsonNode v = e.getValue();
            if (e.getKey().equals("#attributes")) {
                continue;
            }
            if (e.getKey().equals("Data") && v.isArray()) {
                int i = 0;
                for (JsonNode item : v.values()) {
                    String name = item.path("#attributes").path("Name").asString("");
                    JsonNode text = item.has("#text") ? item.get("#text") : item;
                    fields.add(name.isEmpty() ? "Data" + (i > 0 ? i : "") : dataName(name), text.isValueNode() ? text.asString() : text.toString());
                    i++;
                }
            } else if (v.isArray()) {
                v.values().forEach(item -> fields.add(e.getKey(), item.isValueNode() ? item.asString() : item.toString()));
            } else if (v.isValueNode()) {
                if (!v.isNull()) {
                    fields.add(e.getKey(), v.asString());
                }
            } else {
                fields.add(e.getKey(), v.has("#text") ? v.get("#text").asString() : v.toString());
            }
        }
    }

    /**
     * A Windows event's data name as Sigma writes it: Defender names its data "Threat Name", "Process Name", and
     * Sigma's field names drop the spaces ({@code ThreatName}).
     */
    static String dataName(String name) {
        return name.indexOf(' ') < 0 ? name : name.replace(" ", "");
    }

    /** UserData nests one element per event type; rules name the leaves. */
    private static void leaves(JsonNode node, Fields fields) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equals("#attributes")) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isValueNode()) {
                if (!v.isNull()) {
                    fields.add(e.getKey(), v.asString());
                }
            } else if (v.isObject()) {
                leaves(v, fields);
            }
        }
    }

    /**
     * Nested objects become dotted names ({@code userIdentity.type}, ECS {@code process.executable}); array elements
     * repeat the name. Winlogbeat's {@code winlog.event_data.X} is also given as {@code X}, the name Sigma rules use.
     */
    private static void flatten(String prefix, JsonNode node, Fields fields) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            value(name, e.getValue(), fields);
        }
    }

    private static void value(String name, JsonNode v, Fields fields) {
        if (v.isObject()) {
            flatten(name, v, fields);
        } else if (v.isArray()) {
            for (JsonNode item : v.values()) {
                value(name, item, fields);
            }
        } else if (!v.isNull()) {
            fields.add(name, v.asString());
            if (name.startsWith("winlog.event_data.")) {
                fields.add(name.substring("winlog.event_data.".length()), v.asString());
            }
        } else {
            fields.add(name, "");
        }
    }

    private LoggedEvent fromXml(String text) {
        Document doc;
        try {
            doc = xmlBuilder().parse(new InputSource(new StringReader(text)));
        } catch (org.xml.sax.SAXParseException e) {
            throw new EventRejectedException("the event looks like XML but is not well-formed: " + e.getMessage()
                    + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
        } catch (Exception e) {
            throw new EventRejectedException("the event looks like XML but could not be read: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!root.getLocalName().equals("Event")) {
            throw new EventRejectedException("XML events must be Windows events (<Event><System>...<EventData>); this one starts with <"
                    + root.getLocalName() + ">");
        }
        Fields fields = new Fields(limits.maxFields());
        for (Element part : children(root)) {
            switch (part.getLocalName()) {
                case "System" -> xmlSystem(part, fields);
                case "EventData" -> {
                    int i = 0;
                    for (Element data : children(part)) {
                        String name = data.getAttribute("Name");
                        fields.add(name.isEmpty() ? data.getLocalName() + (i > 0 ? i : "") : dataName(name), data.getTextContent());
                        i++;
                    }
                }
                case "UserData" -> xmlLeaves(part, fields, 0);
                default -> {
                }
            }
        }
        return new LoggedEvent("xml", fields.list, sources.of(fields.list), List.of());
    }

    private static void xmlSystem(Element system, Fields fields) {
        for (Element e : children(system)) {
            String name = e.getLocalName();
            if (name.equals("Provider")) {
                fields.add("Provider_Name", e.getAttribute("Name"));
            } else if (!children(e).isEmpty() || e.getTextContent().isBlank()) {
                continue;
            } else {
                fields.add(name, e.getTextContent().strip());
            }
        }
    }

    private void xmlLeaves(Element element, Fields fields, int depth) {
        if (depth > limits.maxDepth()) {
            throw new EventRejectedException(413, "the event nests deeper than " + limits.maxDepth() + " levels");
        }
        for (Element e : children(element)) {
            if (children(e).isEmpty()) {
                fields.add(e.getLocalName(), e.getTextContent());
            } else {
                xmlLeaves(e, fields, depth + 1);
            }
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** No DTDs and no external entities: pasted XML must not make the server read files or URLs. */
    private static DocumentBuilder xmlBuilder() throws javax.xml.parsers.ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder builder = f.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder;
    }

    private LoggedEvent fromKeyValues(String text) {
        Fields fields = new Fields(limits.maxFields());
        List<String> skipped = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = KEY_VALUE.matcher(lines[i]);
            if (m.matches()) {
                fields.add(m.group(1), unquote(m.group(2).strip()));
            } else {
                skipped.add("line " + (i + 1));
            }
        }
        if (fields.list.isEmpty()) {
            throw new EventRejectedException("this is not JSON, Windows event XML or key=value lines. To test a bare value, "
                    + "name its field: CommandLine=..., Image=C:\\Windows\\System32\\rundll32.exe");
        }
        List<String> notes = skipped.isEmpty() ? List.of()
                : List.of("not key=value, so not read: " + String.join(", ", skipped.subList(0, Math.min(10, skipped.size())))
                        + (skipped.size() > 10 ? " and " + (skipped.size() - 10) + " more" : ""));
        return new LoggedEvent("key=value", fields.list, sources.of(fields.list), notes);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return message == null ? "" : nl < 0 ? message : message.substring(0, nl);
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Collects fields up to the limit, refusing the event past it rather than matching half of it. */
    private static final class Fields {
        private final int max;
        private final List<LoggedEvent.Field> list = new ArrayList<>();

        Fields(int max) {
            this.max = max;
        }

        void add(String name, String value) {
            if (list.size() >= max) {
                throw new EventRejectedException(413, "the event has more than " + max + " fields");
            }
            list.add(new LoggedEvent.Field(name, value));
        }
    }
}
