-- wrk script of the performance benchmark: POSTs the JSON body in $WRK_BODY to the URL wrk is given.
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = "application/json"
