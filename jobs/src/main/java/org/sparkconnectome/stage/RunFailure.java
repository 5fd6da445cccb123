package org.sparkconnectome.stage;

/**
 * A run that cannot give a trustworthy connectome (too little clean data, a missing confound
 * column, an atlas that misses the image): the reason goes to the run report, the other runs go on.
 */
public class RunFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public RunFailure(String reason) {
    super(reason);
  }

  public RunFailure(String reason, Throwable cause) {
    super(reason, cause);
  }
}
