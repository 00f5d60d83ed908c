package dev.sparkvideo.testing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Edits the sequence parameter set inside an H.264 {@code avcC} record, to make files whose parameter sets differ
 * from what the encoders here write: the bit positions come from FFmpeg's own parser ({@link
 * FfmpegCommandLine#sequenceParameterSet}).
 */
public final class AvcConfigurationEditor {
  private AvcConfigurationEditor() {}

  /**
   * The record with its one SPS ending at bit {@code flagBit} (a position in the unescaped NAL unit, its header at
   * 0) with {@code bitstream_restriction_flag = 0}: what an encoder that declares no reorder depth (no VUI bitstream
   * restriction) writes. The flag must be the SPS's last syntax element but its restriction fields, as it is.
   */
  public static byte[] withoutBitstreamRestriction(byte[] avcC, long flagBit) {
    if (avcC.length < 8 || avcC[0] != 1 || (avcC[5] & 0x1f) != 1) {
      throw new IllegalArgumentException("not an avcC record with exactly one SPS");
    }
    int length = ((avcC[6] & 0xff) << 8) | (avcC[7] & 0xff);
    byte[] rbsp = unescape(Arrays.copyOfRange(avcC, 8, 8 + length));
    if (flagBit >= rbsp.length * 8L || bit(rbsp, flagBit) != 1) {
      throw new IllegalArgumentException("no bitstream_restriction_flag = 1 at bit " + flagBit);
    }
    // The bits before the flag, the flag cleared, rbsp_stop_one_bit, and zeros to the byte boundary.
    byte[] edited = new byte[(int) ((flagBit + 2 + 7) / 8)];
    for (long i = 0; i < flagBit; i++) {
      setBit(edited, i, bit(rbsp, i));
    }
    setBit(edited, flagBit + 1, 1);
    byte[] sps = escape(edited);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(avcC, 0, 6);
    out.write(sps.length >> 8);
    out.write(sps.length & 0xff);
    out.write(sps, 0, sps.length);
    out.write(avcC, 8 + length, avcC.length - 8 - length); // the PPS count and the PPSs, unchanged
    return out.toByteArray();
  }

  private static int bit(byte[] bytes, long position) {
    return (bytes[(int) (position >> 3)] >> (7 - (position & 7))) & 1;
  }

  private static void setBit(byte[] bytes, long position, int value) {
    if (value != 0) {
      bytes[(int) (position >> 3)] |= (byte) (0x80 >> (position & 7));
    }
  }

  /** Removes the emulation prevention bytes ({@code 00 00 03}). */
  private static byte[] unescape(byte[] nal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int zeros = 0;
    for (byte b : nal) {
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out.write(b);
    }
    return out.toByteArray();
  }

  /** Inserts an emulation prevention byte where two zeros are followed by a byte of 0 to 3. */
  private static byte[] escape(byte[] rbsp) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int zeros = 0;
    for (byte b : rbsp) {
      if (zeros >= 2 && (b & 0xff) <= 3) {
        out.write(3);
        zeros = 0;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out.write(b);
    }
    return out.toByteArray();
  }
}
