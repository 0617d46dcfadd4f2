package io.rulescope.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import io.rulescope.ingest.IngestService;

/**
 * Gives every rendered page the ingest state, so the layout can say when the catalog is still loading. Only
 * requests that render a view get it; JSON answers skip the work.
 */
class LayoutInterceptor implements HandlerInterceptor {

    private final IngestService ingest;

    LayoutInterceptor(IngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
        if (mav != null && !mav.wasCleared() && !mav.getModel().containsKey("ingestState")) {
            mav.addObject("ingestState", ingest.report());
        }
    }
}
