package dev.sparkvideo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** torchcodec's conformance videos read through {@code spark.read.format("video")}, in both seek modes. */
class SparkConformanceTest extends SparkTestBase {

  private static JsonNode expected() throws IOException {
    Path dir = Fixtures.requireConformance("torchcodec's frame lists, pts and seek results through Spark");
    return new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
  }

  private static Path video(String name) {
    return Fixtures.conformance().resolve("torchcodec").resolve(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"approximate", "exact"})
  void framesCountsPtsAndPixels(String seekMode) throws IOException {
    JsonNode all = expected();
    for (Map.Entry<String, JsonNode> file : all.properties()) {
      for (Map.Entry<String, JsonNode> stream : file.getValue().get("streams").properties()) {
        if (!stream.getValue().path("media_type").asText("video").equals("video")) {
          continue;
        }
        String where = file.getKey() + " stream " + stream.getKey() + " " + seekMode;
        List<Row> rows = spark.read().format("video").option("seekMode", seekMode)
            .option("streamIndex", stream.getKey()).load(video(file.getKey()).toString())
            .select(col("frame_index"), col("pts_seconds"), md5(col("data"))).orderBy("frame_index")
            .collectAsList();
        assertEquals(stream.getValue().get("num_frames_decoded").asInt(), rows.size(), where);
        for (int i = 0; i < rows.size(); i++) {
          assertEquals(i, rows.get(i).getLong(0), where);
        }
        if (stream.getValue().has("pts_reference")) {
          JsonNode pts = new ObjectMapper().readTree(Fixtures.conformance()
              .resolve(stream.getValue().get("pts_reference").asText()).toFile());
          for (int i = 0; i < rows.size(); i++) {
            assertEquals(pts.get(i).get("pts_time").asDouble(), rows.get(i).getDouble(1), 1e-6, where + " pts " + i);
          }
        }
        for (JsonNode index : file.getValue().path("frame_references").path("stream" + stream.getKey())) {
          byte[] reference = Files.readAllBytes(video("frames").resolve(String.format(Locale.ROOT,
              "%s.stream%s.frame%06d.rgb24", file.getKey(), stream.getKey(), index.asInt())));
          assertEquals(FrameDigest.md5(reference), rows.get(index.asInt()).getString(2), where + " frame " + index);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"approximate", "exact"})
  void seeksByOptionAndByPushedFilter(String seekMode) throws IOException {
    JsonNode all = expected();
    for (JsonNode seek : all.get("nasa_13013.mp4").get("seeks_stream3")) {
      double start = seek.get("start_seconds").asDouble();
      Map<String, Row> firsts = new HashMap<>();
      firsts.put("option", spark.read().format("video").option("seekMode", seekMode).option("streamIndex", "3")
          .option("startSeconds", String.valueOf(start)).load(video("nasa_13013.mp4").toString())
          .select(col("frame_index"), md5(col("data"))).orderBy("frame_index").first());
      firsts.put("filter", spark.read().format("video").option("seekMode", seekMode).option("streamIndex", "3")
          .load(video("nasa_13013.mp4").toString()).where(col("pts_seconds").geq(start))
          .select(col("frame_index"), md5(col("data"))).orderBy("frame_index").first());
      byte[] reference = Files.readAllBytes(Fixtures.conformance().resolve(
          seek.get("first_frame_reference").asText()));
      for (Map.Entry<String, Row> e : firsts.entrySet()) {
        assertEquals(seek.get("first_frame_index").asLong(), e.getValue().getLong(0), e.getKey() + " " + start);
        assertEquals(FrameDigest.md5(reference), e.getValue().getString(1), e.getKey() + " " + start);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"approximate", "exact"})
  void metadataMode(String seekMode) throws IOException {
    JsonNode nasa = expected().get("nasa_13013.mp4");
    List<Row> rows = spark.read().format("video").option("mode", "metadata").option("seekMode", seekMode)
        .load(video("nasa_13013.mp4").toString()).orderBy("stream_index").collectAsList();
    assertEquals(nasa.get("container").get("num_streams").asInt(), rows.size());
    for (Map.Entry<String, JsonNode> s : nasa.get("streams").properties()) {
      Row r = rows.get(Integer.parseInt(s.getKey()));
      assertEquals(s.getValue().get("codec").asText(), r.getString(r.fieldIndex("codec")));
      if (s.getValue().has("num_frames_from_header")) {
        assertEquals(s.getValue().get("num_frames_from_header").asLong(),
            r.getLong(r.fieldIndex("num_frames_from_header")));
      }
      if (s.getValue().has("average_fps_from_header")) {
        assertEquals(s.getValue().get("average_fps_from_header").asDouble(),
            r.getDouble(r.fieldIndex("average_fps_from_header")), 1e-6);
      }
      if (seekMode.equals("exact") && s.getValue().has("num_frames_decoded")) {
        assertEquals(s.getValue().get("num_frames_decoded").asLong(), r.getLong(r.fieldIndex("num_frames")));
      }
    }
    Row container = rows.get(0).getStruct(rows.get(0).fieldIndex("container"));
    assertEquals(3, container.getInt(container.fieldIndex("best_video_stream_index")));
    assertTrue(container.getDouble(container.fieldIndex("duration_seconds_from_header")) > 13);
  }
}
