package io.rulescope.collection.imports;

import java.util.List;

/**
 * One thing an imported file says a team runs, with every way it might name a rule of the catalog, tried in order.
 *
 * @param label how the report names it (a stanza, a rule's display name)
 * @param ids rule ids it carries
 * @param titles titles it carries
 * @param searchText a query to compare, whitespace aside, with rules' queries; null when none
 */
public record ImportedItem(String label, List<String> ids, List<String> titles, String searchText) {
}
