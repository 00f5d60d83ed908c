package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * torchcodec's test videos against their independent references ({@code ../shared/conformance}): frame counts, pts,
 * byte-identical RGB24 pixels, seeks and header metadata, in both seek modes.
 */
class ConformanceTest {
  private static Path root;
  private static JsonNode expected;

  @BeforeAll
  static void load() throws IOException {
    Path dir = Fixtures.conformance();
    if (dir != null) {
      root = dir.resolve("torchcodec");
      expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    }
  }


  static Stream<Arguments> videoStreams() throws IOException {
    Path dir = Fixtures.conformance();
    if (dir == null) {
      return Stream.of(Arguments.of("none", -1, SeekMode.APPROXIMATE));
    }
    JsonNode all = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    List<Arguments> out = new ArrayList<>();
    for (Iterator<String> files = all.fieldNames(); files.hasNext(); ) {
      String file = files.next();
      for (Map.Entry<String, JsonNode> s : all.get(file).get("streams").properties()) {
        if (s.getValue().path("media_type").asText("video").equals("video")) {
          for (SeekMode mode : SeekMode.values()) {
            out.add(Arguments.of(file, Integer.parseInt(s.getKey()), mode));
          }
        }
      }
    }
    return out.stream();
  }

  static Stream<Arguments> files() throws IOException {
    Path dir = Fixtures.conformance();
    if (dir == null) {
      return Stream.of(Arguments.of("none", SeekMode.APPROXIMATE));
    }
    JsonNode all = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    List<Arguments> out = new ArrayList<>();
    all.fieldNames().forEachRemaining(f -> {
      for (SeekMode mode : SeekMode.values()) {
        out.add(Arguments.of(f, mode));
      }
    });
    return out.stream();
  }

  @ParameterizedTest(name = "{0} stream {1} {2}")
  @MethodSource("videoStreams")
  void everyFrameMatchesTheReference(String file, int stream, SeekMode mode) throws IOException {
    Fixtures.requireConformance("every frame's pts and pixels against torchcodec's references");
    JsonNode spec = expected.get(file);
    JsonNode streamSpec = spec.get("streams").get(String.valueOf(stream));
    List<Double> referencePts = referencePts(streamSpec);
    Map<Integer, byte[]> referenceFrames = referenceFrames(file, stream, spec);
    JsonNode ptsByIndex = spec.path("frame_pts_seconds");
    int count = 0;
    try (SeekableInput in = Fixtures.open(root.resolve(file)); VideoFile video = VideoFile.open(in, mode);
        FrameReader frames = video.frames(FrameRequest.builder().streamIndex(stream).build())) {
      while (frames.next()) {
        VideoFrame f = frames.get();
        assertEquals(count, f.frameIndex(), "frame index");
        if (referencePts != null && count < referencePts.size()) {
          assertEquals(referencePts.get(count), f.ptsSeconds(), 1e-6, "pts of frame " + count);
        }
        if (ptsByIndex.has(String.valueOf(count))) {
          assertEquals(ptsByIndex.get(String.valueOf(count)).asDouble(), f.ptsSeconds(), 1e-6, "pts of " + count);
        }
        byte[] reference = referenceFrames.get(count);
        if (reference != null) {
          assertEquals(streamSpec.get("width").asInt() * streamSpec.get("height").asInt() * 3, reference.length);
          assertEquals(streamSpec.get("width").asInt(), f.width());
          assertPixelsEqual(reference, f.data(), file + " frame " + count);
        }
        count++;
      }
      assertEquals(0, frames.corruptPackets(), "damaged packets");
    }
    assertEquals(streamSpec.get("num_frames_decoded").asInt(), count, "frames decoded");
    if (referencePts != null) {
      assertEquals(referencePts.size(), count, "frames listed in " + streamSpec.get("pts_reference"));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("files")
  void seeksReturnTheFirstFrameAtOrAfterTheStart(String file, SeekMode mode) throws IOException {
    Fixtures.requireConformance("seeks against torchcodec's first frames after each start");
    JsonNode spec = expected.get(file);
    for (Iterator<String> keys = spec.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.startsWith("seeks_stream")) {
        continue;
      }
      int stream = Integer.parseInt(key.substring("seeks_stream".length()));
      for (JsonNode seek : spec.get(key)) {
        double start = seek.get("start_seconds").asDouble();
        try (SeekableInput in = Fixtures.open(root.resolve(file)); VideoFile video = VideoFile.open(in, mode);
            FrameReader frames = video.frames(FrameRequest.builder().streamIndex(stream).startSeconds(start).build())) {
          assertTrue(frames.next(), "a frame at " + start);
          VideoFrame f = frames.get();
          assertEquals(seek.get("first_frame_index").asLong(), f.frameIndex(), file + " seek to " + start);
          assertTrue(f.ptsSeconds() >= start, "pts " + f.ptsSeconds() + " >= " + start);
          if (seek.has("first_frame_reference")) {
            byte[] reference = Files.readAllBytes(Fixtures.conformance().resolve(
                seek.get("first_frame_reference").asText()));
            assertPixelsEqual(reference, f.data(), file + " at " + start);
          }
          // Frame indices stay exact after the seek: they keep counting one by one.
          long previous = f.frameIndex();
          for (int i = 0; i < 5 && frames.next(); i++) {
            assertEquals(previous + 1, frames.get().frameIndex());
            previous = frames.get().frameIndex();
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("files")
  void metadataMatchesTheHeader(String file, SeekMode mode) throws IOException {
    Fixtures.requireConformance("metadata against torchcodec's header values");
    JsonNode spec = expected.get(file);
    VideoMetadata metadata;
    try (SeekableInput in = Fixtures.open(root.resolve(file)); VideoFile video = VideoFile.open(in, mode)) {
      metadata = video.metadata();
    }
    JsonNode container = spec.path("container");
    if (container.has("format")) {
      assertEquals(container.get("format").asText(), metadata.container().format());
    }
    if (container.has("duration_seconds_from_header")) {
      assertEquals(container.get("duration_seconds_from_header").asDouble(),
          metadata.container().durationSecondsFromHeader(), 1e-6);
    }
    if (container.has("bit_rate_from_header")) {
      assertEquals(container.get("bit_rate_from_header").asLong(), metadata.container().bitRateFromHeader());
    }
    if (container.has("best_video_stream_index")) {
      assertEquals(container.get("best_video_stream_index").asInt(), metadata.container().bestVideoStreamIndex());
    }
    if (container.has("best_audio_stream_index")) {
      assertEquals(container.get("best_audio_stream_index").asInt(), metadata.container().bestAudioStreamIndex());
    }
    if (container.has("num_streams")) {
      assertEquals(container.get("num_streams").asInt(), metadata.container().numStreams());
      List<String> types = new ArrayList<>();
      container.get("stream_types").forEach(t -> types.add(t.asText()));
      assertEquals(types, metadata.streams().stream().map(StreamMetadata::mediaType).toList());
    }
    for (Map.Entry<String, JsonNode> e : spec.get("streams").properties()) {
      StreamMetadata s = metadata.stream(Integer.parseInt(e.getKey()));
      JsonNode want = e.getValue();
      String where = file + " stream " + e.getKey() + " ";
      assertEquals(want.path("media_type").asText("video"), s.mediaType(), where + "media_type");
      assertEquals(want.get("codec").asText(), s.codec(), where + "codec");
      expectInt(want, "width", s.width(), where);
      expectInt(want, "height", s.height(), where);
      expectText(want, "pixel_format", s.pixelFormat(), where);
      expectText(want, "color_space", s.colorSpace(), where);
      expectText(want, "time_base", s.timeBase(), where);
      expectText(want, "sample_format", s.sampleFormat(), where);
      expectInt(want, "sample_rate", s.sampleRate(), where);
      expectInt(want, "num_channels", s.numChannels(), where);
      expectDouble(want, "average_fps_from_header", s.averageFpsFromHeader(), where);
      expectDouble(want, "duration_seconds_from_header", s.durationSecondsFromHeader(), where);
      expectDouble(want, "begin_stream_seconds_from_header", s.beginStreamSecondsFromHeader(), where);
      if (want.has("bit_rate")) {
        assertEquals(want.get("bit_rate").asLong(), s.bitRate(), where + "bit_rate");
      }
      if (want.has("num_frames_from_header")) {
        JsonNode n = want.get("num_frames_from_header");
        assertEquals(n.isNull() ? null : n.asLong(), s.numFramesFromHeader(), where + "num_frames_from_header");
      }
      if (s.isVideo() && want.has("num_frames_decoded")) {
        if (mode == SeekMode.EXACT) {
          assertEquals(want.get("num_frames_decoded").asLong(), s.numFramesFromContent(), where + "from content");
          assertEquals(want.get("num_frames_decoded").asLong(), s.numFrames(), where + "num_frames");
          assertNotNull(s.beginStreamSecondsFromContent());
        } else {
          assertEquals(null, s.numFramesFromContent(), where + "no content values in approximate mode");
        }
      }
      if (want.has("last_frame_pts_seconds") && mode == SeekMode.EXACT) {
        assertTrue(s.endStreamSecondsFromContent() > want.get("last_frame_pts_seconds").asDouble());
      }
    }
  }

  private static void expectInt(JsonNode want, String key, Integer actual, String where) {
    if (want.has(key)) {
      assertEquals(want.get(key).asInt(), actual, where + key);
    }
  }

  private static void expectText(JsonNode want, String key, String actual, String where) {
    if (want.has(key)) {
      assertEquals(want.get(key).asText(), actual, where + key);
    }
  }

  private static void expectDouble(JsonNode want, String key, Double actual, String where) {
    if (want.has(key)) {
      assertNotNull(actual, where + key);
      assertEquals(want.get(key).asDouble(), actual, 1e-6, where + key);
    }
  }

  private static List<Double> referencePts(JsonNode streamSpec) throws IOException {
    if (!streamSpec.has("pts_reference")) {
      return null;
    }
    JsonNode frames = new ObjectMapper().readTree(Fixtures.conformance().resolve(
        streamSpec.get("pts_reference").asText()).toFile());
    List<Double> pts = new ArrayList<>();
    frames.forEach(f -> pts.add(f.get("pts_time").asDouble()));
    return pts;
  }

  private static Map<Integer, byte[]> referenceFrames(String file, int stream, JsonNode spec) throws IOException {
    Map<Integer, byte[]> out = new HashMap<>();
    for (JsonNode index : spec.path("frame_references").path("stream" + stream)) {
      Path p = root.resolve("frames").resolve(String.format(Locale.ROOT, "%s.stream%d.frame%06d.rgb24", file, stream,
          index.asInt()));
      out.put(index.asInt(), Files.readAllBytes(p));
    }
    return out;
  }

  static void assertPixelsEqual(byte[] expected, byte[] actual, String what) {
    assertNotNull(actual, what + ": no pixels");
    assertEquals(expected.length, actual.length, what + ": size");
    if (!java.util.Arrays.equals(expected, actual)) {
      int maxDiff = 0;
      int differing = 0;
      for (int i = 0; i < expected.length; i++) {
        int d = Math.abs((expected[i] & 0xff) - (actual[i] & 0xff));
        if (d > 0) {
          differing++;
          maxDiff = Math.max(maxDiff, d);
        }
      }
      assertArrayEquals(expected, actual, what + ": " + differing + " bytes differ, max difference " + maxDiff);
    }
  }
}
