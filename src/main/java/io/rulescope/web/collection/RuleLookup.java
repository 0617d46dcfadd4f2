package io.rulescope.web.collection;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rulescope.catalog.Catalog;
import io.rulescope.collection.Collections;
import io.rulescope.collection.Unmatched;
import io.rulescope.rule.Rule;
import io.rulescope.search.RuleSummary;
import io.rulescope.search.SearchService;

/**
 * What users paste to name rules, found in the catalog: rule ids, and permalinks from any host
 * ({@code https://rulescope.example/rules/<id>}, {@code /rules/<id>/<key>}, with or without a version or fragment).
 */
public final class RuleLookup {

    static final int MAX_ITEMS = 10_000;
    private static final Pattern PERMALINK = Pattern.compile("(?:https?://[^/\\s]+)?/rules/([^/?#@\\s]+)(?:/([^/?#@\\s]+))?.*");

    private RuleLookup() {
    }

    public record Found(List<Rule> rules, List<Unmatched> unmatched) {

        Found and(Found other) {
            Map<String, Rule> all = new LinkedHashMap<>();
            rules.forEach(r -> all.putIfAbsent(r.getUid(), r));
            other.rules.forEach(r -> all.putIfAbsent(r.getUid(), r));
            List<Unmatched> problems = new ArrayList<>(unmatched);
            problems.addAll(other.unmatched);
            return new Found(List.copyOf(all.values()), problems);
        }
    }

    /** Every rule a search finds (up to a collection's size). */
    static Found search(SearchService search, Catalog catalog, String q) {
        List<String> uids = search.all(catalog.index(), q, "title", Collections.MAX_MEMBERS).stream().map(RuleSummary::uid).toList();
        return new Found(catalog.rules().byUids(uids), List.of());
    }

    /** Items separated by new lines, commas or spaces. */
    static List<String> items(String pasted) {
        List<String> items = new ArrayList<>();
        if (pasted != null) {
            for (String item : pasted.split("[\\s,]+")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    static Found find(Catalog catalog, List<String> items) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (String item : items.size() > MAX_ITEMS ? items.subList(0, MAX_ITEMS) : items) {
            List<Rule> named = named(catalog, item);
            if (named.isEmpty()) {
                unmatched.add(new Unmatched(item, item.length() > 1000 ? "too long to be a rule id or permalink"
                        : "no rule in the catalog has this id or permalink"));
            }
            named.forEach(rule -> rules.putIfAbsent(rule.getUid(), rule));
        }
        if (items.size() > MAX_ITEMS) {
            unmatched.add(new Unmatched((items.size() - MAX_ITEMS) + " more", "at most " + MAX_ITEMS + " rules are taken at once"));
        }
        return new Found(List.copyOf(rules.values()), unmatched);
    }

    private static List<Rule> named(Catalog catalog, String item) {
        if (item.length() > 1000) {
            return List.of();
        }
        Matcher permalink = PERMALINK.matcher(item);
        if (permalink.matches()) {
            String id = decode(permalink.group(1));
            String uid = permalink.group(2) == null ? null : decode(permalink.group(2));
            if (uid != null) {
                Rule exact = catalog.rules().byUid(uid);
                if (exact != null && exact.getRuleId().equals(id)) {
                    return List.of(exact);
                }
            }
            return catalog.rules().withId(id);
        }
        List<Rule> byId = catalog.rules().withId(item);
        return byId.isEmpty() ? catalog.rules().withAlias(item) : byId;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
