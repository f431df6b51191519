package org.lavender.web.internal;

import jakarta.servlet.http.HttpServletResponse;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Pages that do not handle a refusal themselves show it on an error page with the specific message, never a
 * stack trace. (Form pages usually catch {@link InvalidInputException} and re-show the form with the message.)
 */
@ControllerAdvice(annotations = Controller.class)
class PageExceptionHandler {

    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, Model model, HttpServletResponse response) {
        return show(422, e.getMessage(), model, response);
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        return show(404, e.getMessage(), model, response);
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, Model model, HttpServletResponse response) {
        return show(409, e.getMessage(), model, response);
    }

    private static String show(int status, String message, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("problem", message);
        return "web/problem";
    }
}
