package io.rulescope.web.search;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.rulescope.web.AtomXml;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleVersion;
import io.rulescope.rule.Rule;
import io.rulescope.search.RuleSummary;
import io.rulescope.search.SearchService;
import io.rulescope.web.ListingProperties;

/** What a search can be taken away as: an ATT&CK Navigator layer, an Atom feed, and the browser search engine. */
@RestController
class ExportController {


    private final SearchService search;
    private final AttackCatalog attack;
    private final RuleHistories histories;

    private final ListingProperties listing;

    ExportController(SearchService search, AttackCatalog attack, RuleHistories histories, ListingProperties listing) {
        this.search = search;
        this.attack = attack;
        this.histories = histories;
        this.listing = listing;
    }

    /**
     * A rule as the feed tells it: new or updated, when it was published and last updated, and what changed. Git
     * history answers where the source has it; otherwise the rule's own dates do.
     */
    record FeedEntry(RuleSummary rule, boolean isNew, Instant published, Instant updated, String summary) {
    }

    private FeedEntry entry(Catalog catalog, RuleSummary r) {
        Rule rule = catalog.rules().byUid(r.uid());
        Optional<io.rulescope.history.RuleSummary> history = rule == null ? Optional.empty()
                : histories.summary(rule.getSourceName(), rule.getRuleId());
        if (history.isPresent()) {
            RuleVersion latest = history.get().newest();
            RuleVersion first = history.get().firstSeen();
            boolean isNew = latest.equals(first);
            String summary = isNew ? (r.description().isEmpty() ? r.title() : r.description())
                    : "Updated (" + latest.subject() + "): " + latest.changes().summary();
            return new FeedEntry(r, isNew, first.date(), latest.date(), summary);
        }
        LocalDate created = rule == null ? null : rule.getCreated();
        LocalDate modified = rule == null ? null : rule.getModified();
        LocalDate published = created != null ? created : modified;
        LocalDate updated = modified != null ? modified : created;
        boolean isNew = created == null || modified == null || !modified.isAfter(created);
        return new FeedEntry(r, isNew, day(published), day(updated), r.description().isEmpty() ? r.title() : r.description());
    }

    private static Instant day(LocalDate date) {
        return date == null ? Instant.EPOCH : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A layer in the Navigator's layer format 4.5 that scores each technique by the number of rules covering it. */
    @GetMapping(path = "/api/navigator", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NavigatorLayer> navigator(@RequestParam(required = false) String q,
            @RequestParam(required = false) String download, Catalog catalog) {
        NavigatorLayer layer = NavigatorLayer.of(q, search.all(catalog.index(), q, "title", listing.exportMaxRules()), attack.release());
        return ResponseEntity.ok().header("Content-Disposition", (download != null ? "attachment" : "inline")
                + "; filename=\"rulescope-layer.json\"").body(layer);
    }

    private static String baseUrl(HttpServletRequest request) {
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }

    /** Every rule of a search (bounded), one row each, to take into a spreadsheet or another tool. */
    @GetMapping(path = "/export/search.csv", produces = "text/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String q, Catalog catalog, HttpServletRequest request) {
        List<RuleSummary> rules = search.all(catalog.index(), q, "title", listing.exportMaxRules());
        String base = baseUrl(request);
        StringBuilder out = new StringBuilder(ExportRow.CSV_HEADER);
        rules.forEach(r -> out.append(ExportRow.of(r, base).csvLine()));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"rulescope-search.csv\"").body(out.toString());
    }

    /** @param limit the most rows an export gives; {@code total} equal to it means the search had more */
    record JsonExport(String query, int total, int limit, List<ExportRow> rules) {
    }

    /** The same rows as JSON. */
    @GetMapping(path = "/export/search.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonExport> json(@RequestParam(required = false) String q, Catalog catalog, HttpServletRequest request) {
        String base = baseUrl(request);
        List<ExportRow> rows = search.all(catalog.index(), q, "title", listing.exportMaxRules()).stream().map(r -> ExportRow.of(r, base)).toList();
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"rulescope-search.json\"")
                .body(new JsonExport(q == null ? "" : q, rows.size(), listing.exportMaxRules(), rows));
    }

    /** Newest and recently modified rules of a search, so people can follow T1059 or source:sigma in a reader. */
    @GetMapping(path = "/feed.atom", produces = "application/atom+xml")
    ResponseEntity<String> feed(@RequestParam(required = false) String q, Catalog catalog, HttpServletRequest request)
            throws XMLStreamException {
        List<RuleSummary> rules = search.all(catalog.index(), q, "date", listing.feedEntries());
        List<FeedEntry> entries = rules.stream().map(r -> entry(catalog, r))
                .sorted(java.util.Comparator.comparing(FeedEntry::updated).reversed()).toList();
        String base = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
        AtomXml.element(xml, "title", q == null || q.isBlank() ? "Rulescope: newest rules" : "Rulescope: " + q);
        String encodedQuery = q == null ? "" : java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
        AtomXml.element(xml, "id", base + "/feed.atom" + (q == null ? "" : "?q=" + encodedQuery));
        AtomXml.link(xml, "self", ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString());
        AtomXml.link(xml, "alternate", base + "/search" + (q == null ? "" : "?q=" + encodedQuery));
        AtomXml.element(xml, "updated", entries.isEmpty() ? Instant.EPOCH.toString() : entries.get(0).updated().toString());
        for (FeedEntry e : entries) {
            RuleSummary r = e.rule();
            xml.writeStartElement("entry");
            AtomXml.element(xml, "title", (e.isNew() ? "New: " : "Updated: ") + r.title());
            AtomXml.element(xml, "id", base + r.permalink());
            AtomXml.link(xml, "alternate", base + r.permalink());
            AtomXml.element(xml, "published", e.published().toString());
            AtomXml.element(xml, "updated", e.updated().toString());
            xml.writeStartElement("author");
            AtomXml.element(xml, "name", r.source());
            xml.writeEndElement();
            AtomXml.element(xml, "summary", e.summary());
            xml.writeEmptyElement("category");
            xml.writeAttribute("term", e.isNew() ? "new" : "updated");
            for (String t : r.techniques()) {
                xml.writeEmptyElement("category");
                xml.writeAttribute("term", t);
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8")).body(out.toString());
    }

    /** Lets browsers add Rulescope as a search engine. */
    @GetMapping(path = "/opensearch.xml", produces = "application/opensearchdescription+xml")
    String openSearch(HttpServletRequest request) throws XMLStreamException {
        String base = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("OpenSearchDescription");
        xml.writeDefaultNamespace("http://a9.com/-/spec/opensearch/1.1/");
        AtomXml.element(xml, "ShortName", "Rulescope");
        AtomXml.element(xml, "Description", "Search detection rules by technique, field value or text");
        AtomXml.element(xml, "InputEncoding", "UTF-8");
        xml.writeEmptyElement("Url");
        xml.writeAttribute("type", "text/html");
        xml.writeAttribute("template", base + "/search?q={searchTerms}");
        xml.writeEmptyElement("Url");
        xml.writeAttribute("type", "application/json");
        xml.writeAttribute("template", base + "/api/search?q={searchTerms}");
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return out.toString();
    }
}
