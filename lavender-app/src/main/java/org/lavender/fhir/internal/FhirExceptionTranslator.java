package org.lavender.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Turns what the lab modules throw into FHIR answers with an OperationOutcome: refused input 422, unknown resource
 * 404 (but 422 when a submitted resource refers to something unknown), conflicts 409, malformed content 400.
 * Anything else is a bug: 500 with an incident number that is also in the log, never a stack trace.
 */
@Component
@Interceptor
class FhirExceptionTranslator {

    private static final Logger log = LoggerFactory.getLogger(FhirExceptionTranslator.class);

    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.TRANSACTION,
            RestOperationTypeEnum.BATCH);

    private final FhirContext fhirContext;

    FhirExceptionTranslator(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            BaseServerResponseException answer = answerFor(t, request);
            if (answer != null) {
                return answer;
            }
        }
        if (thrown instanceof BaseServerResponseException hapi && !(thrown instanceof InternalErrorException)) {
            return hapi;
        }
        String incident = UUID.randomUUID().toString();
        log.error("FHIR {} {} failed, incident {}", request.getRequestType(), request.getCompleteUrl(), incident,
                thrown);
        return new InternalErrorException("Lavender could not complete this request because of an internal error "
                + "(incident " + incident + "); nothing was changed by the failed step. Please report the incident "
                + "number to the laboratory.");
    }

    private BaseServerResponseException answerFor(Throwable t, RequestDetails request) {
        if (t instanceof InvalidInputException invalid) {
            return unprocessable(invalid.getMessage(), invalid.field());
        }
        if (t instanceof NotFoundException notFound) {
            // A submitted resource pointing at something unknown is invalid content, not a missing URL.
            return WRITES.contains(request.getRestOperationType())
                    ? unprocessable(notFound.getMessage(), null)
                    : new ResourceNotFoundException(notFound.getMessage());
        }
        if (t instanceof ConflictException conflict) {
            return new ResourceVersionConflictException(conflict.getMessage());
        }
        if (t instanceof AccessDeniedException) {
            return new ForbiddenOperationException("Your role does not allow this operation");
        }
        if (t instanceof DataFormatException format) {
            return new InvalidRequestException("Invalid FHIR content: " + format.getMessage());
        }
        if (t instanceof BaseServerResponseException hapi && !(t instanceof InternalErrorException)) {
            return hapi;
        }
        return null;
    }

    UnprocessableEntityException unprocessable(String message, String expression) {
        var outcome = new OperationOutcome();
        var issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.INVALID)
                .setDiagnostics(message);
        if (expression != null && !expression.isBlank()) {
            issue.addExpression(expression);
        }
        return new UnprocessableEntityException(fhirContext, outcome);
    }
}
