package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Output pixel formats, resizing and rotation. */
class FrameFormatTest {
  private static final Path VIDEO = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART));

  private static VideoFrame frame(Path file, FrameRequest.Builder request) {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(request.startSeconds(0.4).build())) {
      assertTrue(frames.next());
      return frames.get();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static VideoFrame frame(FrameFormat format) {
    return frame(VIDEO, FrameRequest.builder().format(format));
  }

  @Test
  void rawFormatsHaveTheDocumentedLayout() {
    byte[] rgb = frame(FrameFormat.RGB24).data();
    byte[] bgr = frame(FrameFormat.BGR24).data();
    byte[] gray = frame(FrameFormat.GRAY).data();
    byte[] yuv = frame(FrameFormat.YUV420P).data();
    assertEquals(160 * 120 * 3, rgb.length);
    byte[] swapped = new byte[bgr.length];
    for (int i = 0; i < bgr.length; i += 3) {
      swapped[i] = bgr[i + 2];
      swapped[i + 1] = bgr[i + 1];
      swapped[i + 2] = bgr[i];
    }
    assertArrayEquals(rgb, swapped, "bgr24 is rgb24 with red and blue swapped");
    assertEquals(160 * 120, gray.length);
    assertEquals(160 * 120 + 2 * 80 * 60, yuv.length);
    for (int i = 0; i < gray.length; i++) {
      int fullRange = (int) Math.round(Math.max(0, Math.min(255, ((yuv[i] & 0xff) - 16) * 255.0 / 219)));
      assertTrue(Math.abs(fullRange - (gray[i] & 0xff)) <= 1, "gray is the luma plane in full range at " + i);
    }
  }

  @Test
  void pngIsLosslessRgb() throws IOException {
    VideoFrame png = frame(FrameFormat.PNG);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.data()));
    assertEquals(160, image.getWidth());
    assertEquals(120, image.getHeight());
    byte[] rgb = frame(FrameFormat.RGB24).data();
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 160; x++) {
        int p = image.getRGB(x, y);
        int i = (y * 160 + x) * 3;
        assertEquals(rgb[i] & 0xff, (p >> 16) & 0xff);
        assertEquals(rgb[i + 1] & 0xff, (p >> 8) & 0xff);
        assertEquals(rgb[i + 2] & 0xff, p & 0xff);
      }
    }
  }

  @Test
  void jpegIsCloseToRgb() throws IOException {
    VideoFrame jpeg = frame(FrameFormat.JPEG);
    assertEquals((byte) 0xFF, jpeg.data()[0]);
    assertEquals((byte) 0xD8, jpeg.data()[1]);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg.data()));
    assertEquals(160, image.getWidth());
    byte[] rgb = frame(FrameFormat.RGB24).data();
    long diff = 0;
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 160; x++) {
        int p = image.getRGB(x, y);
        int i = (y * 160 + x) * 3;
        diff += Math.abs((rgb[i] & 0xff) - ((p >> 16) & 0xff)) + Math.abs((rgb[i + 2] & 0xff) - (p & 0xff));
      }
    }
    double mean = diff / (160.0 * 120 * 2);
    assertTrue(mean < 8, "mean absolute difference " + mean);
  }

  @Test
  void resizeKeepsTheAspectWhenOneSideIsGiven() {
    VideoFrame byWidth = frame(VIDEO, FrameRequest.builder().width(80));
    assertEquals(80, byWidth.width());
    assertEquals(60, byWidth.height());
    assertEquals(80 * 60 * 3, byWidth.data().length);
    VideoFrame byHeight = frame(VIDEO, FrameRequest.builder().height(30));
    assertEquals(40, byHeight.width());
    VideoFrame both = frame(VIDEO, FrameRequest.builder().width(64).height(64).format(FrameFormat.PNG));
    assertEquals(64, both.width());
    assertEquals(64, both.height());
  }

  @Test
  void rotationMetadataIsAppliedByDefault() {
    Path rotated = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART).rotation(-90));
    double rotation;
    try (SeekableInput in = Fixtures.open(rotated); VideoFile video = VideoFile.open(in)) {
      StreamMetadata s = video.metadata().stream(0);
      rotation = s.rotation();
      assertEquals(90.0, Math.abs(rotation), 1e-9);
      assertEquals(120, s.width(), "metadata sizes are upright");
      assertEquals(160, s.height());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    VideoFrame upright = frame(rotated, FrameRequest.builder());
    VideoFrame coded = frame(rotated, FrameRequest.builder().autorotate(false));
    assertEquals(120, upright.width());
    assertEquals(160, upright.height());
    assertEquals(160, coded.width());
    // As the ffmpeg CLI autorotates: turn by the display rotation negated (counter-clockwise degrees).
    boolean clockwise = rotation < 0;
    assertArrayEquals(rotateQuarter(coded.data(), 160, 120, clockwise), upright.data(), "turned upright");
    VideoFrame small = frame(rotated, FrameRequest.builder().width(60));
    assertEquals(60, small.width());
    assertEquals(80, small.height());
    VideoFrame yuv = frame(rotated, FrameRequest.builder().format(FrameFormat.YUV420P));
    assertEquals(120 * 160 + 2 * 60 * 80, yuv.data().length);
  }

  @Test
  void unrotatedFilesReportNoRotation() {
    try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in)) {
      assertEquals(null, video.metadata().stream(0).rotation());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void formatNamesParseCaseInsensitively() {
    assertEquals(FrameFormat.RGB24, FrameFormat.fromOptionName("RGB24"));
    assertEquals(FrameFormat.JPEG, FrameFormat.fromOptionName(" jpeg "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FrameFormat.fromOptionName("webp"));
    assertTrue(e.getMessage().contains("rgb24, bgr24, gray, yuv420p, jpeg, png"), e.getMessage());
  }

  private static byte[] rotateQuarter(byte[] rgb, int w, int h, boolean clockwise) {
    byte[] out = new byte[rgb.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int outX = clockwise ? h - 1 - y : y;
        int outY = clockwise ? x : w - 1 - x;
        System.arraycopy(rgb, (y * w + x) * 3, out, (outY * h + outX) * 3, 3);
      }
    }
    return out;
  }

  @Test
  void reusedDataHoldsEachFrameUntilTheNextOne() throws IOException {
    for (FrameFormat format : new FrameFormat[] {FrameFormat.RGB24, FrameFormat.YUV420P, FrameFormat.GRAY}) {
      java.util.List<String> fresh = new java.util.ArrayList<>();
      try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in);
          FrameReader frames = video.frames(FrameRequest.builder().format(format).build())) {
        byte[] previous = null;
        while (frames.next()) {
          byte[] data = frames.get().data();
          assertTrue(data != previous, "without reuse every frame has its own array");
          fresh.add(dev.sparkvideo.testing.FrameDigest.md5(data));
          previous = data;
        }
      }
      java.util.List<String> reused = new java.util.ArrayList<>();
      java.util.Set<byte[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in);
          FrameReader frames = video.frames(FrameRequest.builder().format(format).reuseData(true).build())) {
        while (frames.next()) {
          byte[] data = frames.get().data();
          arrays.add(data);
          reused.add(dev.sparkvideo.testing.FrameDigest.md5(data));
        }
      }
      assertEquals(fresh, reused, format + ": the same pixels, frame by frame");
      assertEquals(1, arrays.size(), format + ": one array for all frames of one size");
      assertEquals(30, reused.size());
    }
  }

  @Test
  void anIndexRangeStopsAtItsLastFrameWithoutDecodingTheNext() throws IOException {
    try (SeekableInput in = Fixtures.open(VIDEO); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(FrameRequest.builder().frameIndexRange(0, 3).build())) {
      int n = 0;
      while (frames.next()) {
        n++;
      }
      assertEquals(3, n);
      assertEquals(3, frames.framesDecoded(), "frame 3 is not decoded to learn that frame 2 was the last");
    }
  }
}
