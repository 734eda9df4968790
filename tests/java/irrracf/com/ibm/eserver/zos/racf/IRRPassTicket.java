/*
 * TEST STAND-IN for IBM's com.ibm.eserver.zos.racf.IRRPassTicket (IRRRacf.jar).
 * Built by mainframe.passticket's tests (tests/java/harness.py), never shipped,
 * never committed as a binary. Only IBM's names and signatures are kept:
 * new IRRPassTicket(), evaluate(String, String, String) throwing
 * IRRPassTicketEvaluationException, generate(String, String) throwing
 * IRRPassTicketGenerationException (docs/reference/passticket-evaluation.md).
 *
 * evaluate() asks the simulated RACF of the host named by ZOSSIM_STATE,
 * through the simulator's "ticketserv" shim (found on PATH, the simulator's
 * bin directory), with the PassTicket on the shim's standard input, never in
 * its argv; the shim answers "SAF=<n> RACF=<n> REASON=<n>" as R_TicketServ
 * would (tests/simulator/evaluate.py, ticket_service).
 *
 * generate() must never be called by the product (it needs UPDATE on
 * IRRPTAUTH.<appl>.<user>): the stand-in ends the JVM at once with exit
 * status 90, which no catch clause can hide, so any test of such a product
 * fails.
 */
package com.ibm.eserver.zos.racf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

public class IRRPassTicket {
    /** The simulator's R_TicketServ shim, found on PATH. */
    static final String TICKETSERV = "ticketserv";
    /** The JVM's exit status when the product breaks the stand-in's contract. */
    static final int VIOLATION = 90;
    private static final Charset ASCII = Charset.forName("US-ASCII");

    public IRRPassTicket() {
    }

    /**
     * Evaluates a PassTicket for userId and applId; returns when RACF accepted it.
     *
     * @throws IRRPassTicketEvaluationException RACF's answer when it did not (SAF, RACF, reason codes)
     * @throws IllegalArgumentException a null argument, or one not 1 to 8 characters
     * @throws IllegalStateException the simulator could not be reached (an internal error)
     */
    public void evaluate(String userId, String applId, String passTicket) throws IRRPassTicketEvaluationException {
        argument(userId, "userId");
        argument(applId, "applId");
        argument(passTicket, "passTicket");
        int[] codes = ticketServ("EVALUATE " + userId + " " + applId + "\n" + passTicket + "\n");
        if (codes[0] != 0 || codes[1] != 0 || codes[2] != 0) {
            // The message deliberately holds the ticket: IBM does not say what its message holds,
            // so the worst case is simulated and a product that prints it is caught.
            throw new IRRPassTicketEvaluationException(codes[0], codes[1], codes[2],
                "Evaluation of PassTicket " + passTicket + " for " + userId + "/" + applId
                + " failed (R_ticketserv) SafRc=" + codes[0] + ", racfRc=" + codes[1] + " racfRsn=" + codes[2]);
        }
    }

    /** IBM's signature; the product must never call it (exit 90). */
    public String generate(String userId, String applId) throws IRRPassTicketGenerationException {
        System.err.println("IRRPassTicket stand-in: generate() was called; the product must never call it"
            + " (it needs UPDATE on IRRPTAUTH." + applId + "." + userId + ")");
        System.err.flush();
        Runtime.getRuntime().halt(VIOLATION);
        throw new IllegalStateException("not reached");
    }

    private static void argument(String value, String name) {
        if (value == null || value.length() < 1 || value.length() > 8) {
            throw new IllegalArgumentException(name + " must be 1 to 8 characters");
        }
    }

    private static int[] ticketServ(String request) {
        ProcessBuilder builder = new ProcessBuilder(TICKETSERV);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process process = builder.start();
            OutputStream stdin = process.getOutputStream();
            stdin.write(request.getBytes(ASCII));
            stdin.close();
            InputStream stdout = process.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[256];
            int count;
            while ((count = stdout.read(buffer)) != -1) {
                answer.write(buffer, 0, count);
            }
            int status = process.waitFor();
            String line = new String(answer.toByteArray(), ASCII);
            if (status != 0 || !line.matches("SAF=\\d+ RACF=\\d+ REASON=\\d+\n")) {
                throw new IllegalStateException("the simulator's " + TICKETSERV + " failed (exit status " + status + ")");
            }
            String[] words = line.trim().split(" ");
            int[] codes = new int[3];
            for (int i = 0; i < 3; i++) {
                codes[i] = Integer.parseInt(words[i].substring(words[i].indexOf('=') + 1));
            }
            return codes;
        } catch (IOException e) {
            throw new IllegalStateException("the simulator's " + TICKETSERV + " could not be run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the simulator's " + TICKETSERV);
        }
    }
}
