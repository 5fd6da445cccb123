package org.sparkconnectome.config;

/**
 * A problem the user can fix (a bad option value, a missing directory): reported as one message
 * and exit code 2, without a stack trace.
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
