package com.analyticsstudio.dashboard;

import com.analyticsstudio.dashboard.DashboardDocument.FilterDef;
import com.analyticsstudio.dashboard.DashboardDocument.Widget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What one save changed against the version before it, for the change log: widget ids added,
 * removed, moved (position or size) and edited (any other field), filter ids added, removed and
 * edited, and the other document fields that changed. Pure; widgets and filters are matched by id.
 */
final class DashboardChanges {
  private DashboardChanges() {}

  /** {@code before} null: the first version, where everything is added. */
  static JsonObject between(DashboardDocument before, DashboardDocument after) {
    JsonArray added = new JsonArray();
    JsonArray removed = new JsonArray();
    JsonArray moved = new JsonArray();
    JsonArray edited = new JsonArray();
    for (Widget w : after.widgets()) {
      Widget old = before == null ? null : before.widget(w.id());
      if (old == null) {
        added.add(w.id());
        continue;
      }
      if (!w.samePlace(old)) moved.add(w.id());
      if (!withoutPlace(w).equals(withoutPlace(old))) edited.add(w.id());
    }
    if (before != null) {
      for (Widget w : before.widgets()) if (after.widget(w.id()) == null) removed.add(w.id());
    }
    JsonArray fAdded = new JsonArray();
    JsonArray fRemoved = new JsonArray();
    JsonArray fEdited = new JsonArray();
    for (FilterDef f : after.filters()) {
      FilterDef old = before == null ? null : before.filter(f.id());
      if (old == null) fAdded.add(f.id());
      else if (!old.toJson().equals(f.toJson())) fEdited.add(f.id());
    }
    if (before != null) {
      for (FilterDef f : before.filters()) if (after.filter(f.id()) == null) fRemoved.add(f.id());
    }
    JsonArray fields = new JsonArray();
    if (before != null) {
      if (!before.name().equals(after.name())) fields.add("name");
      if (!Objects.equals(before.description(), after.description())) fields.add("description");
      if (before.columns() != after.columns()) fields.add("columns");
      if (!Objects.equals(before.refreshSeconds(), after.refreshSeconds())) {
        fields.add("refreshSeconds");
      }
    }
    return new JsonObject()
        .put(
            "widgets",
            new JsonObject()
                .put("added", added)
                .put("removed", removed)
                .put("moved", moved)
                .put("edited", edited))
        .put(
            "filters",
            new JsonObject().put("added", fAdded).put("removed", fRemoved).put("edited", fEdited))
        .put("fields", fields);
  }

  private static JsonObject withoutPlace(Widget w) {
    JsonObject j = w.toJson();
    j.remove("x");
    j.remove("y");
    j.remove("w");
    j.remove("h");
    return j;
  }
}
