package dev.ltx4j;

/** A multipart upload was completed but the service could not turn it into an asset. */
public final class UploadFailedException extends Ltx4jException {
  private static final long serialVersionUID = 1L;
  private final String uploadId;

  public UploadFailedException(String uploadId, String reason) {
    super("Upload " + uploadId + " failed: " + reason);
    this.uploadId = uploadId;
  }

  public String uploadId() {
    return uploadId;
  }
}
