package dev.sparkvideo.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The paths given to {@code load(...)}: Spark passes one as {@code path}, several as a JSON list in {@code paths}. */
final class VideoPaths {
  private VideoPaths() {}

  static List<String> of(Map<String, String> options) {
    List<String> paths = new ArrayList<>();
    String single = options.get("path");
    if (single != null) {
      paths.add(single);
    }
    String many = options.get("paths");
    if (many != null) {
      try {
        paths.addAll(Arrays.asList(new ObjectMapper().readValue(many, String[].class)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("Cannot read the paths option: " + many, e);
      }
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("No path given: use spark.read.format(\"video\").load(path, ...)");
    }
    return List.copyOf(paths);
  }
}
