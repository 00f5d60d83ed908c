package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

class ImageScalerTest {

  /** A yuv420p picture whose every byte says where it is; returns its planes packed without row padding. */
  private static byte[] fill(AVFrame frame, int w, int h) {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    int[][] sizes = {{w, h}, {(w + 1) / 2, (h + 1) / 2}, {(w + 1) / 2, (h + 1) / 2}};
    for (int p = 0; p < 3; p++) {
      for (int r = 0; r < sizes[p][1]; r++) {
        byte[] row = new byte[sizes[p][0]];
        for (int c = 0; c < row.length; c++) {
          row[c] = (byte) (p * 80 + r * 7 + c);
        }
        frame.data(p).position((long) r * frame.linesize(p)).put(row);
        packed.writeBytes(row);
      }
      frame.data(p).position(0);
    }
    return packed.toByteArray();
  }

  @Test
  void planarOutputIsPackedPlaneByPlaneEvenWhenItsSizeLooksLikeOnePaddedPlane() {
    // 42x21 yuv420p takes 1344 bytes, exactly one 64-byte-aligned plane of 21 rows: it must still be unpacked.
    for (int[] size : new int[][] {{42, 21}, {40, 20}, {162, 94}}) {
      AVFrame src = av_frame_alloc();
      try (ImageScaler scaler = new ImageScaler("test")) {
        src.width(size[0]).height(size[1]).format(AV_PIX_FMT_YUV420P);
        assertEquals(0, av_frame_get_buffer(src, 0));
        byte[] expected = fill(src, size[0], size[1]);
        int bytes = scaler.scale(src, size[0], size[1], AV_PIX_FMT_YUV420P);
        assertEquals(expected.length, bytes);
        byte[] out = scaler.outputBytes(null);
        int luma = size[0] * size[1];
        // swscale's own handling of the last chroma row of an odd height is not what this checks: compare the luma
        // plane (where a wrong row stride shows from the second row on) and, for even sizes, everything.
        int compared = size[1] % 2 == 0 ? expected.length : luma;
        assertArrayEquals(Arrays.copyOf(expected, compared), Arrays.copyOf(out, compared), size[0] + "x" + size[1]);
      } finally {
        av_frame_free(src);
      }
    }
  }
}
