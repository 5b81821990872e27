package com.analyticsstudio.ingest;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One load of a dataset version, as sent on {@link IngestAddresses#LOAD}.
 *
 * @param mode {@code create} (first version), {@code replace}, {@code append}, or {@code retype}
 *     (reload the current original with {@code typeOverrides})
 * @param file the local file to read (deleted afterwards by the ingest service)
 * @param storageKey where the original is (or will be) kept
 * @param typeOverrides column name to type name ({@code integer}, {@code text}, …)
 */
public record LoadRequest(
    UUID datasetId,
    UUID projectId,
    UUID userId,
    String tableName,
    String mode,
    Path file,
    String filename,
    String contentType,
    String sheet,
    String storageKey,
    Map<String, String> typeOverrides) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("datasetId", datasetId.toString())
        .put("projectId", projectId.toString())
        .put("userId", userId == null ? null : userId.toString())
        .put("tableName", tableName)
        .put("mode", mode)
        .put("file", file == null ? null : file.toString())
        .put("filename", filename)
        .put("contentType", contentType)
        .put("sheet", sheet)
        .put("storageKey", storageKey)
        .put("typeOverrides", new JsonObject(Map.copyOf(typeOverrides)));
  }

  public static LoadRequest fromJson(JsonObject j) {
    Map<String, String> overrides = new HashMap<>();
    j.getJsonObject("typeOverrides", new JsonObject())
        .forEach(e -> overrides.put(e.getKey(), String.valueOf(e.getValue())));
    String user = j.getString("userId");
    String file = j.getString("file");
    return new LoadRequest(
        UUID.fromString(j.getString("datasetId")),
        UUID.fromString(j.getString("projectId")),
        user == null ? null : UUID.fromString(user),
        j.getString("tableName"),
        j.getString("mode"),
        file == null ? null : Path.of(file),
        j.getString("filename"),
        j.getString("contentType"),
        j.getString("sheet"),
        j.getString("storageKey"),
        Map.copyOf(overrides));
  }
}
