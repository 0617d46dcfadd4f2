package io.rulescope.web.collection;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.rulescope.web.AtomXml;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.rulescope.catalog.Catalog;
import io.rulescope.collection.Collections;
import io.rulescope.collection.RuleCollection;

/**
 * A collection's upstream changes as an Atom feed: one entry per member that changed since pinned (a new upstream
 * version is a new entry) and per member removed upstream. Reviewing a member takes its entry away.
 */
@Controller
class CollectionFeedController {

    private final Collections collections;
    private final CollectionViews views;

    CollectionFeedController(Collections collections, CollectionViews views) {
        this.collections = collections;
        this.views = views;
    }

    @GetMapping(path = "/collections/{id}/feed.atom", produces = "application/atom+xml")
    ResponseEntity<String> feed(@PathVariable long id, Catalog catalog, HttpServletRequest request) throws XMLStreamException {
        RuleCollection collection = collections.find(id).orElse(null);
        if (collection == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("There is no collection " + id + ".");
        }
        CollectionViews.CollectionView view = views.view(catalog, collection);
        List<CollectionViews.MemberView> entries = new ArrayList<>(view.changed());
        entries.addAll(view.removed());
        entries.sort(Comparator.comparing(CollectionViews.MemberView::changedAt).reversed());
        String base = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
        String page = base + "/collections/" + id;
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
        AtomXml.element(xml, "title", "Rulescope: " + collection.getName() + ", changed upstream");
        AtomXml.element(xml, "id", page + "/feed.atom");
        AtomXml.link(xml, "self", page + "/feed.atom");
        AtomXml.link(xml, "alternate", page);
        AtomXml.element(xml, "updated", (entries.isEmpty() ? collection.getCreatedAt() : entries.get(0).changedAt()).toString());
        for (CollectionViews.MemberView m : entries) {
            xml.writeStartElement("entry");
            AtomXml.element(xml, "title", (m.removed() ? "Removed upstream: " : "Changed upstream: ") + m.title());
            AtomXml.element(xml, "id", base + m.permalink() + "#" + (m.removed() ? "removed" : m.currentVersion()));
            AtomXml.link(xml, "alternate", m.diffLink() != null ? base + m.diffLink() : base + m.permalink());
            Instant updated = m.changedAt();
            AtomXml.element(xml, "updated", updated.toString());
            xml.writeStartElement("author");
            AtomXml.element(xml, "name", m.member().getSource());
            xml.writeEndElement();
            AtomXml.element(xml, "summary", summary(m));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8")).body(out.toString());
    }

    private static String summary(CollectionViews.MemberView m) {
        if (m.removed()) {
            return "Left the catalog; pinned at " + abbreviate(m.pinned()) + " by " + m.member().getPinnedBy() + ".";
        }
        String what = m.changes() == null ? "its text changed" : m.changes().isEmpty() ? "no change to what it detects; its text changed"
                : m.changes().summary();
        return what + " (pinned " + abbreviate(m.pinned()) + ", now " + abbreviate(m.currentVersion()) + ").";
    }

    private static String abbreviate(String version) {
        return version.length() > 19 ? version.substring(0, 19) : version;
    }
}
