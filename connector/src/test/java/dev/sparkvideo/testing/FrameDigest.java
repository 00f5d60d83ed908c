package dev.sparkvideo.testing;

import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.VideoFrame;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A frame reduced to what tests compare: index, pts, key flag, size and an MD5 of its data. */
public record FrameDigest(long index, long pts, double ptsSeconds, boolean key, int width, int height, String md5) {

  public static FrameDigest of(VideoFrame f) {
    return new FrameDigest(f.frameIndex(), f.pts(), f.ptsSeconds(), f.keyFrame(), f.width(), f.height(),
        md5(f.data()));
  }

  /** Reads every remaining frame of {@code reader}. */
  public static List<FrameDigest> all(FrameReader reader) {
    List<FrameDigest> out = new ArrayList<>();
    while (reader.next()) {
      out.add(of(reader.get()));
    }
    return out;
  }

  /** The same frame without its pixels (as a packets-only read gives it). */
  public FrameDigest withoutData() {
    return new FrameDigest(index, pts, ptsSeconds, key, width, height, null);
  }

  public static String md5(byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
