package dev.sparkvideo.testing;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_PAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_count_planes;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.javacpp.BytePointer;

/**
 * The synthetic picture of frame N, written into a planar YUV frame of any subsampling and bit depth: diagonal luma
 * ramps that move each frame, moving bright blocks (sharp edges, for chroma siting and scaling to show), chroma
 * ramps, and optional film grain. Samples of more than 8 bits carry the 8-bit pattern in their high bits and detail
 * in the low ones.
 */
final class TestPattern {
  private TestPattern() {}

  /**
   * Fills {@code frame} (already allocated and writable) with picture {@code index}; frames in other than planar YUV
   * (an RGB palette for GIF) get the yuv420p picture converted by swscale.
   */
  static void fill(AVFrame frame, int index, int grain) {
    AVPixFmtDescriptor desc = av_pix_fmt_desc_get(frame.format());
    if ((desc.flags() & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL)) != 0 || desc.nb_components() < 3) {
      AVFrame yuv = av_frame_alloc();
      SwsContext sws = sws_alloc_context();
      try {
        yuv.format(AV_PIX_FMT_YUV420P).width(frame.width()).height(frame.height());
        if (av_frame_get_buffer(yuv, 0) < 0) {
          throw new IllegalStateException("av_frame_get_buffer failed");
        }
        fill(yuv, index, grain);
        if (sws_scale_frame(sws, frame, yuv) < 0) {
          throw new IllegalStateException("sws_scale_frame to " + desc.name().getString() + " failed");
        }
      } finally {
        sws_freeContext(sws);
        av_frame_free(yuv);
      }
      return;
    }
    int depth = desc.comp(0).depth();
    int planes = av_pix_fmt_count_planes(frame.format());
    long seed = 0x9E3779B97F4A7C15L * (index + 1);
    int w = frame.width();
    int h = frame.height();
    for (int p = 0; p < planes; p++) {
      int pw = p == 0 ? w : -((-w) >> desc.log2_chroma_w());
      int ph = p == 0 ? h : -((-h) >> desc.log2_chroma_h());
      int bytes = depth > 8 ? 2 : 1;
      byte[] row = new byte[pw * bytes];
      BytePointer plane = frame.data(p);
      for (int r = 0; r < ph; r++) {
        for (int c = 0; c < pw; c++) {
          int v;
          if (p == 0) {
            v = (c * 2 + r + index * 5) & 0xff;
            if (((c / 16) + (r / 16) + index) % 7 == 0) {
              v = 235 - (index * 13 & 0x7f);
            }
            if (grain > 0) {
              seed = seed * 6364136223846793005L + 1442695040888963407L;
              v = (v + (int) (((seed >>> 33) * grain) >>> 31)) & 0xff;
            }
          } else if (p == 1) {
            v = 128 + ((c + index * 3) % 64) - 32;
          } else {
            v = 128 + ((r + index * 2) % 64) - 32;
          }
          if (bytes == 1) {
            row[c] = (byte) v;
          } else {
            int sample = (v << (depth - 8)) | ((c + r) & ((1 << (depth - 8)) - 1));
            row[2 * c] = (byte) sample;
            row[2 * c + 1] = (byte) (sample >> 8);
          }
        }
        plane.position((long) r * frame.linesize(p)).put(row, 0, row.length);
      }
      plane.position(0);
    }
  }
}
