package dev.sparkvideo.spark;

/**
 * Errors thrown as they are from Java code that Spark calls as Scala code, which declares no checked exceptions:
 * Spark's own errors (its error classes, returned as any {@link Throwable}), and I/O exceptions that Spark's file
 * readers tell apart by type ({@code FileNotFoundException} for {@code ignoreMissingFiles}).
 */
final class SparkErrors {
  private SparkErrors() {}

  /**
   * Throws {@code error} as it is (an {@code AnalysisException}, an {@code IOException}, ...), unchecked.
   *
   * @return never; written {@code throw SparkErrors.thrown(e)} so that the compiler sees the throw
   */
  static RuntimeException thrown(Throwable error) {
    return SparkErrors.<RuntimeException>sneaky(error);
  }

  /** Spark's {@code DATA_SOURCE_BATCH_WRITE_NOT_SUPPORTED}: the source reads videos, it does not write them. */
  static RuntimeException writeUnsupported() {
    return new org.apache.spark.SparkUnsupportedOperationException("DATA_SOURCE_BATCH_WRITE_NOT_SUPPORTED",
        java.util.Map.of("description", "Format \"video\" reads videos; it does not write them"));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable error) throws T {
    throw (T) error;
  }
}
