package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FfmpegCommandLine;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.UserVideos;
import dev.sparkvideo.testing.UserVideos.Video;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stream metadata against ffprobe of the same build, field by field, for every stream of every class of video:
 * codec (none for a data stream FFmpeg has no codec for), sample aspect ratio (the container's where it gives one,
 * reduced), field order, pixel format, colour description.
 */
class MetadataParityTest {
  static Stream<Video> videos() {
    List<Video> all = new ArrayList<>(UserVideos.metadataClasses());
    all.addAll(UserVideos.generated());
    all.addAll(UserVideos.conformance());
    return all.stream();
  }

  /** ffprobe's value, with its words for "not known" as null. */
  private static String known(Map<String, String> probed, String field) {
    String v = probed.get(field);
    return v == null || v.equals("unknown") || v.equals("N/A") ? null : v;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("videos")
  void everyStreamIsDescribedAsFfprobeDescribesIt(Video video) {
    List<Map<String, String>> probed = FfmpegCommandLine.get().streams(video.file());
    VideoMetadata metadata;
    try (SeekableInput in = Fixtures.open(video.file()); VideoFile file = VideoFile.open(in)) {
      metadata = file.metadata();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(probed.size(), metadata.streams().size(), video + ": streams");
    for (int i = 0; i < probed.size(); i++) {
      Map<String, String> p = probed.get(i);
      StreamMetadata s = metadata.stream(i);
      String where = video + " stream " + i + ": ";
      assertEquals(p.get("codec_type"), s.mediaType(), where + "media type");
      assertEquals(known(p, "codec_name"), s.codec(), where + "codec (ffprobe says unknown where FFmpeg has none)");
      if (!s.isVideo()) {
        continue;
      }
      String sar = known(p, "sample_aspect_ratio");
      assertEquals(sar == null || sar.equals("0:1") ? null : sar.replace(':', '/'), s.pixelAspectRatio(),
          where + "sample aspect ratio");
      assertEquals(p.getOrDefault("field_order", "unknown"), s.fieldOrder(), where + "field order");
      assertEquals(known(p, "pix_fmt"), s.pixelFormat(), where + "pixel format");
      assertEquals(known(p, "color_space"), s.colorSpace(), where + "colour space");
      assertEquals(known(p, "color_primaries"), s.colorPrimaries(), where + "colour primaries");
      assertEquals(known(p, "color_transfer"), s.colorTransferCharacteristic(), where + "transfer");
    }
  }
}
