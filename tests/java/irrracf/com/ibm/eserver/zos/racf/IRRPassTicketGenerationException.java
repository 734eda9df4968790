/*
 * TEST STAND-IN for IBM's com.ibm.eserver.zos.racf.IRRPassTicketGenerationException
 * (IRRRacf.jar), built by mainframe.passticket's tests, never shipped. It keeps
 * the three getters IBM's callers use: getSafRc(), getRacfRc(), getRacfRsn()
 * (docs/reference/passticket-evaluation.md; their names are UNCONFIRMED in IBM's
 * own documentation). Its constructor is the stand-in's, not IBM's: only the
 * stand-in makes one.
 */
package com.ibm.eserver.zos.racf;

public class IRRPassTicketGenerationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int safRc;
    private final int racfRc;
    private final int racfRsn;

    IRRPassTicketGenerationException(int safRc, int racfRc, int racfRsn, String message) {
        super(message);
        this.safRc = safRc;
        this.racfRc = racfRc;
        this.racfRsn = racfRsn;
    }

    /** The SAF return code. */
    public int getSafRc() {
        return safRc;
    }

    /** The RACF return code. */
    public int getRacfRc() {
        return racfRc;
    }

    /** The RACF reason code. */
    public int getRacfRsn() {
        return racfRsn;
    }
}
